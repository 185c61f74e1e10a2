package io.weft.peer.endorser;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ledger.QueryExecutor;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Definitions read once per ledger height, per channel and chaincode; absent ones always read again. */
class HeightCachedDefinitionsTest {
    private final AtomicInteger reads = new AtomicInteger();
    private final Map<String, ChaincodeDefinition> defined = new HashMap<>();
    private final HeightCachedDefinitions cache = new HeightCachedDefinitions((channelId, name, state) -> {
        reads.incrementAndGet();
        return Optional.ofNullable(defined.get(channelId + "/" + name));
    });

    private static QueryExecutor atHeight(long height) {
        return (QueryExecutor) Proxy.newProxyInstance(
                QueryExecutor.class.getClassLoader(), new Class<?>[] {QueryExecutor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("height")) {
                        return height;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ChaincodeDefinition definition(String name, long sequence) {
        return new ChaincodeDefinition(name, "1.0", sequence, false, Optional.of(name + "_1.0:abc"));
    }

    @Test
    void aSecondLookupAtTheSameHeightReadsNothing() {
        defined.put("mychannel/basic", definition("basic", 1));

        assertThat(cache.definition("mychannel", "basic", atHeight(5))).contains(definition("basic", 1));
        assertThat(cache.definition("mychannel", "basic", atHeight(5))).contains(definition("basic", 1));

        assertThat(reads).hasValue(1);
    }

    @Test
    void aNewHeightReadsTheDefinitionAgain() {
        defined.put("mychannel/basic", definition("basic", 1));
        cache.definition("mychannel", "basic", atHeight(5));

        defined.put("mychannel/basic", definition("basic", 2)); // an upgrade committed in block 5
        assertThat(cache.definition("mychannel", "basic", atHeight(6))).contains(definition("basic", 2));
        assertThat(reads).hasValue(2);
    }

    @Test
    void channelsAndChaincodesAreKeptApart() {
        defined.put("mychannel/basic", definition("basic", 1));
        defined.put("other/basic", definition("basic", 7));
        defined.put("mychannel/marbles", definition("marbles", 3));

        assertThat(cache.definition("mychannel", "basic", atHeight(5))).contains(definition("basic", 1));
        assertThat(cache.definition("other", "basic", atHeight(5))).contains(definition("basic", 7));
        assertThat(cache.definition("mychannel", "marbles", atHeight(5))).contains(definition("marbles", 3));
        assertThat(reads).hasValue(3);
    }

    @Test
    void anUndefinedChaincodeIsReadEveryTimeAndForgetsAnOlderDefinition() {
        assertThat(cache.definition("mychannel", "nope", atHeight(5))).isEmpty();
        assertThat(cache.definition("mychannel", "nope", atHeight(5))).isEmpty();
        assertThat(reads).hasValue(2);

        defined.put("mychannel/basic", definition("basic", 1));
        cache.definition("mychannel", "basic", atHeight(5));
        defined.remove("mychannel/basic");
        assertThat(cache.definition("mychannel", "basic", atHeight(6))).isEmpty();
        defined.put("mychannel/basic", definition("basic", 1));
        // the entry of height 5 is gone: a lookup there reads again instead of answering from memory
        assertThat(cache.definition("mychannel", "basic", atHeight(5))).isPresent();
        assertThat(reads).hasValue(5);
    }
}
