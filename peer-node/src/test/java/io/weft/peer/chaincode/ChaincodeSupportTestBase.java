package io.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.ValidatedBlock;
import io.weft.peer.operations.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real RocksDB ledger for "mychannel", chaincode support served in-process, and a runtime of fake chaincodes. */
abstract class ChaincodeSupportTestBase {
    static final String CHANNEL = "mychannel";

    @TempDir
    Path dir;

    LedgerProvider ledgers;
    ChannelLedger ledger;
    TestChain chain;
    Server server;
    ManagedChannel channel;
    FakeRuntime runtime;
    ChaincodeSupport support;
    ChaincodePackageStore packages;
    final Metrics metrics = new Metrics();
    String serverName;
    final Map<String, String> definitions = new HashMap<>();
    private ExecutorService requestPool;
    private ExecutorService launchPool;
    private ScheduledExecutorService timer;
    private int txCounter;

    ChaincodeConfig config() {
        return ChaincodeConfig.defaults(dir, "127.0.0.1:7052", "Org1MSP")
                .withDevMode(true)
                .withStartupTimeout(Duration.ofSeconds(5))
                .withExecuteTimeout(Duration.ofSeconds(10));
    }

    @BeforeEach
    void startSupport() throws IOException {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir).withTotalQueryLimit(100_000));
        chain = new TestChain(CHANNEL);
        ledger = ledgers.create(chain.genesis());
        String name = InProcessServerBuilder.generateName();
        serverName = name;
        channel = InProcessChannelBuilder.forName(name).build();
        runtime = new FakeRuntime(channel);
        requestPool = new ThreadPoolExecutor(8, 8, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(10_000));
        launchPool = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        packages = new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        support = new ChaincodeSupport(
                config(),
                packages,
                runtime,
                (ch, cc) -> Optional.ofNullable(definitions.get(cc)),
                ledgers::get,
                new ChaincodeExecutors(requestPool, launchPool, timer),
                metrics);
        server =
                InProcessServerBuilder.forName(name).addService(support).build().start();
    }

    @AfterEach
    void stopSupport() throws InterruptedException {
        support.close();
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        requestPool.shutdownNow();
        launchPool.shutdownNow();
        timer.shutdownNow();
        ledgers.close();
    }

    /** Defines chaincode {@code name} (package id {@code name:1}) served by these programs. */
    String define(String name, Map<String, FakeChaincode.Program> programs) {
        String id = name + ":1";
        definitions.put(name, id);
        runtime.define(id, programs);
        return id;
    }

    /** Commits one block of writes to a namespace. */
    void commit(String namespace, Consumer<TxSimulator> writes) {
        String txId = "seed-" + (txCounter++);
        try (TxSimulator sim = ledger.newTxSimulator(txId)) {
            writes.accept(sim);
            ledger.commit(ValidatedBlock.allValid(chain.blockOf(chain.tx(txId, sim.results()))));
        }
    }

    static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    ChaincodeInvocation invocation(String name, TxSimulator sim, String... args) {
        return invocation(CHANNEL, "tx" + (txCounter++), name, sim, args);
    }

    ChaincodeInvocation invocation(String channelId, String txId, String name, TxSimulator sim, String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String a : args) {
            input.addArgs(utf8(a));
        }
        return new ChaincodeInvocation(
                channelId,
                txId,
                name,
                definitions.getOrDefault(name, name + ":1"),
                input.build(),
                SignedProposal.getDefaultInstance(),
                false,
                sim,
                ledger.historyReader());
    }

    /** Runs a transaction on a fresh simulator and returns its result and read-write set. */
    Outcome run(String name, String... args) {
        try (TxSimulator sim = ledger.newTxSimulator("run")) {
            ChaincodeResult result = support.execute(invocation(name, sim, args));
            return new Outcome(result, sim.results().rwSet());
        }
    }

    record Outcome(ChaincodeResult result, TxReadWriteSet rwSet) {
        String payload() {
            return result.response().getPayload().toStringUtf8();
        }

        KVRWSet ns(String namespace) {
            for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
                if (ns.getNamespace().equals(namespace)) {
                    try {
                        return KVRWSet.parseFrom(ns.getRwset());
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return null;
        }

        List<String> namespaces() {
            return rwSet.getNsRwsetList().stream()
                    .map(NsReadWriteSet::getNamespace)
                    .toList();
        }
    }
}
