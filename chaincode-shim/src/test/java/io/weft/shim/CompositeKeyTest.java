package io.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeKeyTest {
    @Test
    void encodesAsFabricDoes() {
        assertThat(new CompositeKey("color", "blue", "asset1").toString())
                .isEqualTo("\u0000color\u0000blue\u0000asset1\u0000");
        assertThat(new CompositeKey("color").toString()).isEqualTo("\u0000color\u0000");
    }

    @Test
    void splitRoundTripsIncludingEmptyAndNonBmpAttributes() {
        List<List<String>> cases = List.of(
                List.of("a", "b"), List.of("", "x"), List.of("x", ""), List.of(""), List.of(), List.of("😀", "é"));
        for (List<String> attributes : cases) {
            CompositeKey key = new CompositeKey("type", attributes);
            CompositeKey split = CompositeKey.parseCompositeKey(key.toString());
            assertThat(split.getObjectType()).isEqualTo("type");
            assertThat(split.getAttributes()).isEqualTo(attributes);
            assertThat(split).isEqualTo(key);
        }
    }

    @Test
    void rejectsNulAndMaxRuneInParts() {
        String maxRune = new String(Character.toChars(Character.MAX_CODE_POINT));
        assertThatThrownBy(() -> new CompositeKey("t", "a\u0000b"))
                .isInstanceOf(CompositeKeyFormatException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> new CompositeKey("t" + maxRune))
                .isInstanceOf(CompositeKeyFormatException.class)
                .hasMessageContaining("U+10FFFF");
    }

    @Test
    void splitRejectsSimpleAndTruncatedKeys() {
        assertThatThrownBy(() -> CompositeKey.parseCompositeKey("simple"))
                .isInstanceOf(CompositeKeyFormatException.class);
        assertThatThrownBy(() -> CompositeKey.parseCompositeKey("\u0000type\u0000attr"))
                .isInstanceOf(CompositeKeyFormatException.class);
        assertThat(CompositeKey.parseCompositeKey(null)).isNull();
    }

    @Test
    void simpleKeysMustNotStartWithNul() {
        CompositeKey.validateSimpleKeys("a", "", "b\u0000");
        assertThatThrownBy(() -> CompositeKey.validateSimpleKeys("ok", "\u0000bad"))
                .isInstanceOf(CompositeKeyFormatException.class)
                .hasMessageContaining("composite key namespace");
    }
}
