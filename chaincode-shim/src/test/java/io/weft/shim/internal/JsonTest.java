package io.weft.shim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.shim.contract.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final JsonBinder binder = new JsonBinder();

    @Test
    void parsesEveryValueKind() {
        Object tree =
                Json.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\t\",\"i\":-12,\"d\":1.5e2,\"t\":true,\"f\":false,\"n\":null,"
                        + "\"a\":[1,[],{}],\"big\":123456789012345678901234567890} ");
        assertThat(tree).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) tree;
        assertThat(map.get("s")).isEqualTo("a\"b\\c/\n\t");
        assertThat(map.get("i")).isEqualTo(-12L);
        assertThat(map.get("d")).isEqualTo(new BigDecimal("1.5e2"));
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.get("f")).isEqualTo(false);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(map.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void decodesUnicodeEscapesIncludingSurrogatePairs() {
        assertThat(Json.parse("\"\\u00e9\\uD83D\\uDE00x\"")).isEqualTo("é😀x");
        assertThatThrownBy(() -> Json.parse("\"\\uD83D\"")).hasMessageContaining("high surrogate");
        assertThatThrownBy(() -> Json.parse("\"\\uD83Dx\"")).hasMessageContaining("high surrogate");
        assertThatThrownBy(() -> Json.parse("\"\\uDE00\"")).hasMessageContaining("low surrogate");
        assertThatThrownBy(() -> Json.parse("\"\\u12G4\"")).hasMessageContaining("hex digit");
    }

    @Test
    void writesEscapesAndKeepsNonAsciiAndPairs() {
        assertThat(Json.write("q\"b\\n\n\u0001é😀")).isEqualTo("\"q\\\"b\\\\n\\n\\u0001é😀\"");
        assertThat(Json.write("\uD83D")).isEqualTo("\"\\ud83d\"");
        assertThat(Json.parse(Json.write("\u0000\u001f\u2028"))).isEqualTo("\u0000\u001f\u2028");
    }

    @Test
    void rejectsMalformedJsonWithOffset() {
        for (String bad : List.of(
                "",
                "{",
                "[1,]",
                "{\"a\" 1}",
                "01",
                "1.",
                "-",
                "tru",
                "\"a",
                "{\"a\":1,\"a\":2}",
                "[1] x",
                "\"\t\"",
                "{a:1}",
                "1e")) {
            assertThatThrownBy(() -> Json.parse(bad))
                    .as(bad)
                    .isInstanceOf(JsonException.class)
                    .hasMessageContaining("offset");
        }
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting");
    }

    @Test
    void writesNumbersWithoutNoise() {
        assertThat(Json.write(List.of(1, 2L, 1.5, 100.0, new BigDecimal("1.10"))))
                .isEqualTo("[1,2,1.5,100,1.10]");
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class);
    }

    record Item(@Property(name = "Name") String name, int count, List<String> tags, Kind kind, byte[] data) {}

    enum Kind {
        SMALL,
        LARGE
    }

    static final class Bean {
        String b;
        long a;
        Item item;
        transient String skipped = "x";
    }

    @Test
    void recordsRoundTripWithSortedPropertyNames() {
        Item item = new Item("n", 3, List.of("x", "y"), Kind.LARGE, new byte[] {1, 2});
        String json = binder.toJson(item);
        assertThat(json)
                .isEqualTo("{\"Name\":\"n\",\"count\":3,\"data\":\"AQI=\",\"kind\":\"LARGE\",\"tags\":[\"x\",\"y\"]}");
        Item back = (Item) binder.fromJson(json, Item.class);
        assertThat(back.name()).isEqualTo("n");
        assertThat(back.count()).isEqualTo(3);
        assertThat(back.tags()).containsExactly("x", "y");
        assertThat(back.kind()).isEqualTo(Kind.LARGE);
        assertThat(back.data()).containsExactly(1, 2);
    }

    @Test
    void beansRoundTripAndIgnoreUnknownProperties() {
        Bean bean = (Bean) binder.fromJson(
                "{\"a\":7,\"b\":\"s\",\"extra\":[1],\"item\":{\"Name\":\"i\",\"count\":1}}", Bean.class);
        assertThat(bean.a).isEqualTo(7);
        assertThat(bean.b).isEqualTo("s");
        assertThat(bean.item.name()).isEqualTo("i");
        assertThat(bean.item.tags()).isNull();
        assertThat(binder.toJson(bean)).startsWith("{\"a\":7,\"b\":\"s\",\"item\":{");
    }

    @Test
    void conversionErrorsNameThePath() {
        assertThatThrownBy(() -> binder.fromJson("{\"Name\":\"n\",\"count\":1.5}", Item.class))
                .hasMessageContaining("$.count")
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> binder.fromJson("{\"Name\":\"n\",\"tags\":[1]}", Item.class))
                .hasMessageContaining("$.tags[0]")
                .hasMessageContaining("expected a string");
        assertThatThrownBy(() -> binder.fromJson("{\"kind\":\"HUGE\"}", Item.class))
                .hasMessageContaining("'HUGE' is not a Kind");
        assertThatThrownBy(() -> binder.fromJson("[]", Item.class)).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> binder.fromJson("{\"count\":null}", Item.class))
                .hasMessageContaining("null is not a int");
    }
}
