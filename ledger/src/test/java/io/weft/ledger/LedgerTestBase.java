package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the contract suites: a provider over a temp dir and a ledger for channel "mychannel". */
public abstract class LedgerTestBase {
    @TempDir
    protected Path dir;

    protected LedgerProvider provider;
    protected ChannelLedger ledger;
    protected TestChain chain;

    /** The implementation under test. */
    protected abstract LedgerProvider openProvider(LedgerConfig config);

    protected LedgerConfig config() {
        return LedgerConfig.defaults(dir);
    }

    @BeforeEach
    void createLedger() {
        provider = openProvider(config());
        chain = new TestChain("mychannel");
        ledger = provider.create(chain.genesis());
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    protected CommittedBlock commit(ByteString... txs) {
        return ledger.commit(ValidatedBlock.allValid(chain.blockOf(txs)));
    }

    protected CommittedBlock commitWithCodes(List<TxValidationCode> codes, ByteString... txs) {
        return ledger.commit(new ValidatedBlock(chain.blockOf(txs), codes));
    }

    /** Simulates on the current state and returns the transaction envelope. */
    protected ByteString simulate(String txId, Consumer<TxSimulator> body) {
        try (TxSimulator sim = ledger.newTxSimulator(txId)) {
            body.accept(sim);
            return chain.tx(txId, sim.results());
        }
    }

    protected void put(String namespace, String key, String value) {
        commit(simulate(
                "put-" + namespace + "-" + key + "-" + chain.nextNumber(),
                s -> s.setState(namespace, key, ByteString.copyFromUtf8(value))));
    }

    protected String get(String namespace, String key) {
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            return q.getState(namespace, key).map(ByteString::toStringUtf8).orElse(null);
        }
    }

    protected List<String> keys(ResultsIterator<KeyValue> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key()));
        }
        return out;
    }

    protected static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
