package io.weft.benchmarks.chaincode;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import io.weft.peer.chaincode.ChaincodeConfig;
import io.weft.peer.chaincode.ChaincodeExecutors;
import io.weft.peer.chaincode.ChaincodeInvocation;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.ChaincodeResult;
import io.weft.peer.chaincode.ChaincodeSupport;
import io.weft.peer.chaincode.LocalMavenBuilder;
import io.weft.peer.chaincode.ProcessChaincodeRuntime;
import io.weft.peer.operations.Metrics;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Chaincode simulations per second through the real stream: the sample asset-transfer chaincode (Weft's shim) runs as
 * a child JVM (process runtime) and registers with the peer's ChaincodeSupport over loopback gRPC; each operation
 * simulates one CreateAsset (one read, one write) on a fresh simulator of a RocksDB ledger. JMH threads are the
 * concurrent transactions in flight on the one stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulationBenchmark {
    private static final String CHANNEL = "mychannel";

    private Path dir;
    private LedgerProvider ledgers;
    private ChannelLedger ledger;
    private ChaincodeSupport support;
    private Server server;
    private ProcessChaincodeRuntime runtime;
    private ExecutorService requests;
    private ExecutorService launches;
    private ScheduledExecutorService timer;
    private String packageId;
    private final AtomicLong counter = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path pkg = Path.of(System.getProperty("bench.package", "samples/asset-transfer/target/asset-transfer.tar.gz"));
        if (!Files.isRegularFile(pkg)) {
            throw new IllegalStateException(pkg + " is missing: build the sample first (./mvnw package)");
        }
        dir = Files.createTempDirectory("simulation-bench");
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        ledger = ledgers.create(new TestChain(CHANNEL).genesis());
        ChaincodePackageStore packages =
                new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        packageId = packages.install(Files.readAllBytes(pkg)).packageId();
        requests = Executors.newFixedThreadPool(16);
        launches = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        runtime = new ProcessChaincodeRuntime(
                dir,
                ProcessChaincodeRuntime.currentJava(),
                List.of(),
                launches,
                new LocalMavenBuilder("mvn", Duration.ofMinutes(5)));
        Holder holder = new Holder();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor() // as the peer's chaincode listener
                .addService(holder)
                .build()
                .start();
        support = new ChaincodeSupport(
                ChaincodeConfig.defaults(dir, "127.0.0.1:" + server.getPort(), "Org1MSP"),
                packages,
                runtime,
                (channel, name) -> Optional.of(packageId),
                ledgers::get,
                new ChaincodeExecutors(requests, launches, timer),
                new Metrics());
        holder.delegate = support;
        simulate(); // launches the chaincode process
    }

    /** Forwards to the chaincode support once it exists (the port must be known first). */
    static final class Holder extends org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc.ChaincodeSupportImplBase {
        volatile ChaincodeSupport delegate;

        @Override
        public io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.peer.ChaincodeMessage> register(
                io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.peer.ChaincodeMessage> toChaincode) {
            return delegate.register(toChaincode);
        }
    }

    @Benchmark
    public ChaincodeResult simulate() {
        String txId = "tx" + counter.incrementAndGet();
        try (TxSimulator simulator = ledger.newTxSimulator(txId)) {
            ChaincodeInput input = ChaincodeInput.newBuilder()
                    .addArgs(ByteString.copyFromUtf8("CreateAsset"))
                    .addArgs(ByteString.copyFromUtf8("asset-" + txId))
                    .addArgs(ByteString.copyFromUtf8("blue"))
                    .addArgs(ByteString.copyFromUtf8("5"))
                    .addArgs(ByteString.copyFromUtf8("Tom"))
                    .addArgs(ByteString.copyFromUtf8("300"))
                    .build();
            ChaincodeResult result = support.execute(new ChaincodeInvocation(
                    CHANNEL,
                    txId,
                    "basic",
                    packageId,
                    input,
                    SignedProposal.getDefaultInstance(),
                    false,
                    simulator,
                    ledger.historyReader()));
            if (result.response().getStatus() != 200) {
                throw new IllegalStateException(
                        "simulation failed: " + result.response().getMessage());
            }
            simulator.results();
            return result;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        support.close();
        server.shutdownNow();
        runtime.close();
        requests.shutdownNow();
        launches.shutdownNow();
        timer.shutdownNow();
        ledgers.close();
    }
}
