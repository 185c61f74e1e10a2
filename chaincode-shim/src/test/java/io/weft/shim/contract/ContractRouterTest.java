package io.weft.shim.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.shim.Chaincode.Response;
import io.weft.shim.ChaincodeException;
import io.weft.shim.ChaincodeStub;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractRouterTest {
    @DataType
    public record Point(
            @Property(name = "X") int x,
            @Property(
                            name = "Y",
                            schema = {"minimum", "0"})
                    int y) {}

    @Contract(name = "geo", info = @Info(title = "Geometry", version = "1.2", license = @License(name = "Apache-2.0")))
    @Default
    public static final class Geometry implements ContractInterface {
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public Point shift(Context ctx, Point point, int dx, long dy) {
            return new Point(point.x() + dx, (int) (point.y() + dy));
        }

        @Transaction(name = "Echo")
        public String echo(Context ctx, String text, boolean loud, double factor, byte[] raw, Integer boxed) {
            return (loud ? text.toUpperCase(java.util.Locale.ROOT) : text) + factor + raw.length + boxed;
        }

        @Transaction
        public void fail(Context ctx) {
            throw new ChaincodeException("not allowed", "CODE_1");
        }

        @Transaction
        public String crash(Context ctx) {
            throw new IllegalStateException("boom");
        }

        @Transaction
        public List<Point> points(Context ctx) {
            return List.of(new Point(1, 2));
        }

        @Transaction
        public boolean yes(Context ctx) {
            return true;
        }

        @Transaction
        public String txId(Context ctx) {
            return ctx.getStub().getTxId();
        }
    }

    @Contract
    public static final class Other implements ContractInterface {
        @Transaction
        public String hello(Context ctx) {
            return "hi";
        }

        @Override
        public void unknownTransaction(Context ctx) {
            throw new ChaincodeException("other has no " + ctx.getStub().getFunction());
        }
    }

    private final ContractRouter router = new ContractRouter(new Geometry(), new Other());

    /** A stub that only answers arguments and the transaction ID. */
    private static ChaincodeStub stub(String... args) {
        return (ChaincodeStub) Proxy.newProxyInstance(
                ChaincodeStub.class.getClassLoader(),
                new Class<?>[] {ChaincodeStub.class},
                (proxy, method, a) -> switch (method.getName()) {
                    case "getArgs" ->
                        Arrays.stream(args).map(s -> s.getBytes(UTF_8)).toList();
                    case "getFunction" -> args[0];
                    case "getTxId" -> "tx9";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Response call(String... args) {
        return router.invoke(stub(args));
    }

    @Test
    void dispatchesToDefaultAndNamedContractsWithTypedArguments() {
        Response shifted = call("shift", "{\"X\":1,\"Y\":2}", "10", "20");
        assertThat(shifted.getStatusCode()).isEqualTo(200);
        assertThat(shifted.getStringPayload()).isEqualTo("{\"X\":11,\"Y\":22}");
        assertThat(call("geo:Echo", "ab", "true", "1.5", "xyz", "7").getStringPayload())
                .isEqualTo("AB1.537");
        assertThat(call("Other:hello").getStringPayload()).isEqualTo("hi");
        assertThat(call("points").getStringPayload()).isEqualTo("[{\"X\":1,\"Y\":2}]");
        assertThat(call("yes").getStringPayload()).isEqualTo("true");
        assertThat(call("txId").getStringPayload()).isEqualTo("tx9");
        assertThat(call("fail").getPayload()).isNotNull();
    }

    @Test
    void noArgumentsIsSuccess() {
        assertThat(call().getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownFunctionIsA500NamingTheKnownOnes() {
        Response response = call("nope");
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getMessage())
                .isEqualTo("no transaction function 'nope' in contract 'geo'; known: Echo, crash, fail, points, shift,"
                        + " txId, yes");
        assertThat(call("Missing:x").getMessage())
                .isEqualTo("no contract 'Missing'; known: Other, geo, org.hyperledger.fabric");
        assertThat(call("Other:zzz").getMessage()).isEqualTo("other has no Other:zzz");
    }

    @Test
    void badArgumentsAreA500SayingWhatWasExpected() {
        assertThat(call("shift", "{}").getMessage())
                .isEqualTo("transaction function 'shift' of contract 'geo' takes 3 arguments (point, dx, dy), got 1");
        assertThat(call("shift", "{}", "ten", "1").getMessage())
                .isEqualTo("argument 2 'dx' of 'shift' of contract 'geo': expected an int, got 'ten'");
        assertThat(call("shift", "{\"X\":\"a\"}", "1", "1").getMessage())
                .contains("argument 1 'point'")
                .contains("$.X: expected a number");
        assertThat(call("geo:Echo", "a", "maybe", "1", "", "1").getMessage()).contains("expected true or false");
    }

    @Test
    void failuresAreA500WithMessageAndPayload() {
        Response failed = call("fail");
        assertThat(failed.getStatusCode()).isEqualTo(500);
        assertThat(failed.getMessage()).isEqualTo("not allowed");
        assertThat(failed.getStringPayload()).isEqualTo("CODE_1");
        Response crashed = call("crash");
        assertThat(crashed.getStatusCode()).isEqualTo(500);
        assertThat(crashed.getMessage())
                .isEqualTo(
                        "transaction function 'crash' of contract 'geo' failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void getMetadataHasTheOfficialShape() {
        Response response = call("org.hyperledger.fabric:GetMetadata");
        assertThat(response.getStatusCode()).isEqualTo(200);
        Map<?, ?> metadata = (Map<?, ?>) io.weft.shim.internal.Json.parse(response.getStringPayload());
        assertThat(metadata.get("$schema")).isEqualTo("https://fabric-shim.github.io/release-1.4/contract-schema.json");
        assertThat(((Map<?, ?>) metadata.get("info")).get("title")).isEqualTo("Geometry");
        Map<?, ?> contracts = (Map<?, ?>) metadata.get("contracts");
        assertThat(List.copyOf(contracts.keySet())).isEqualTo(List.of("Other", "geo", "org.hyperledger.fabric"));
        Map<?, ?> geo = (Map<?, ?>) contracts.get("geo");
        assertThat(geo.get("name")).isEqualTo("geo");
        assertThat(((Map<?, ?>) geo.get("info")).get("version")).isEqualTo("1.2");
        assertThat(((Map<?, ?>) ((Map<?, ?>) geo.get("info")).get("license")).get("name"))
                .isEqualTo("Apache-2.0");
        Map<?, ?> shift = ((List<?>) geo.get("transactions"))
                .stream()
                        .map(Map.class::cast)
                        .filter(t -> t.get("name").equals("shift"))
                        .findFirst()
                        .orElseThrow();
        assertThat(shift.get("tags")).isEqualTo(List.of("EVALUATE", "QUERY"));
        assertThat(shift.get("returns")).isEqualTo(Map.of("$ref", "#/components/schemas/Point"));
        assertThat(shift.get("parameters"))
                .isEqualTo(List.of(
                        Map.of("name", "point", "schema", Map.of("$ref", "#/components/schemas/Point")),
                        Map.of("name", "dx", "schema", Map.of("type", "integer", "format", "int32")),
                        Map.of("name", "dy", "schema", Map.of("type", "integer", "format", "int64"))));
        Map<?, ?> point =
                (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) metadata.get("components")).get("schemas")).get("Point");
        assertThat(point.get("$id")).isEqualTo(Point.class.getName());
        assertThat(point.get("additionalProperties")).isEqualTo(false);
        assertThat(point.get("properties"))
                .isEqualTo(Map.of(
                        "X", Map.of("type", "integer", "format", "int32"),
                        "Y", Map.of("type", "integer", "format", "int32", "minimum", "0")));
        Map<?, ?> system = (Map<?, ?>) contracts.get("org.hyperledger.fabric");
        assertThat(((Map<?, ?>) ((List<?>) system.get("transactions")).get(0)).get("name"))
                .isEqualTo("GetMetadata");
        assertThat(router.getMetadata()).isEqualTo(response.getStringPayload());
    }

    @Contract
    static final class NoContext implements ContractInterface {
        @Transaction
        public void broken(String s) {}
    }

    @Contract
    @Default
    static final class SecondDefault implements ContractInterface {}

    @Test
    void malformedContractsAreRejectedAtConstruction() {
        assertThatThrownBy(() -> new ContractRouter(new NoContext()))
                .hasMessageContaining("NoContext.broken must take a Context first");
        assertThatThrownBy(() -> new ContractRouter(new Geometry(), new SecondDefault()))
                .hasMessageContaining("only one contract can be");
        assertThatThrownBy(() -> new ContractRouter(new ContractInterface() {})).hasMessageContaining("no @Contract");
    }
}
