package io.weft.it;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.ValidatedBlock;
import io.weft.msp.CryptoProvider;
import io.weft.peer.chaincode.ChaincodeConfig;
import io.weft.peer.chaincode.ChaincodeExecutors;
import io.weft.peer.chaincode.ChaincodeInvocation;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.ChaincodeResult;
import io.weft.peer.chaincode.ChaincodeRuntime;
import io.weft.peer.chaincode.ChaincodeSupport;
import io.weft.peer.chaincode.ChaincodeTlsAuthority;
import io.weft.peer.operations.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The chaincode half of a peer for ITs: a RocksDB ledger for "mychannel", the package store, chaincode support served
 * on a loopback Netty port (plaintext, or TLS as a peer with {@code peer.tls.enabled} serves it: a certificate of the
 * peer's chaincode CA, client certificates from it required), and a runtime chosen by the test. Transactions are
 * simulated and committed in blocks so later ones read committed versions.
 */
final class ChaincodePeerHarness implements AutoCloseable {
    static final String CHANNEL = "mychannel";

    final LedgerProvider ledgers;
    final ChannelLedger ledger;
    final TestChain chain = new TestChain(CHANNEL);
    final ChaincodePackageStore packages;
    final ChaincodeSupport support;
    final ChaincodeRuntime runtime;
    final Map<String, String> definitions = new HashMap<>();
    private final Server server;
    private final ExecutorService requests;
    private final ExecutorService launches;
    private final ScheduledExecutorService timer;
    private int txNumber;

    ChaincodePeerHarness(Path dir, Function<Path, ChaincodeRuntime> runtimeFactory, Duration startupTimeout)
            throws IOException {
        this(dir, runtimeFactory, startupTimeout, false);
    }

    ChaincodePeerHarness(
            Path dir, Function<Path, ChaincodeRuntime> runtimeFactory, Duration startupTimeout, boolean tls)
            throws IOException {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        ledger = ledgers.create(chain.genesis());
        packages = new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        runtime = runtimeFactory.apply(dir);
        requests = new ThreadPoolExecutor(8, 8, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(10_000));
        launches = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        // bind first to learn the port the chaincode must dial; the service is added behind a mutable handler
        SupportHolder holder = new SupportHolder();
        Optional<ChaincodeTlsAuthority> authority = tls
                ? Optional.of(ChaincodeTlsAuthority.create(CryptoProvider.bouncyCastle(), Clock.systemUTC()))
                : Optional.empty();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(100 * 1024 * 1024);
        if (authority.isPresent()) {
            builder.sslContext(authority.get().serverContext("127.0.0.1"))
                    .addService(authority.get().authenticated(holder));
        } else {
            builder.addService(holder);
        }
        server = builder.build().start();
        ChaincodeConfig config = ChaincodeConfig.defaults(dir, "127.0.0.1:" + server.getPort(), "Org1MSP")
                .withStartupTimeout(startupTimeout);
        support = new ChaincodeSupport(
                config,
                packages,
                runtime,
                (ch, name) -> Optional.ofNullable(definitions.get(name)),
                ledgers::get,
                new ChaincodeExecutors(requests, launches, timer),
                new Metrics(),
                authority);
        holder.delegate = support;
    }

    /** Installs the jar as a Java package (code.tar.gz = src/chaincode.jar) and defines it as {@code name}. */
    String installJar(String name, Path jar) {
        try {
            String id = packages.install(JavaPackages.javaPackage(name + "_1.0", Files.readAllBytes(jar)))
                    .packageId();
            definitions.put(name, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs a package as {@code _lifecycle}'s InstallChaincode does (built by the runtime first, stored only when
     * that succeeds) and defines it as {@code name}.
     */
    String install(String name, byte[] packageBytes) {
        runtime.build(packages.parse(packageBytes));
        String id = packages.install(packageBytes).packageId();
        definitions.put(name, id);
        return id;
    }

    static Path chaincodeJar() {
        Path jar = Paths.get(System.getProperty("weft.it.chaincodeJar", "target/asset-chaincode.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration-tests package phase first");
        }
        return jar;
    }

    /** Simulates one transaction; commits its results when {@code commit}. */
    Result invoke(String name, boolean commit, String... args) {
        String txId = "tx" + (txNumber++);
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String a : args) {
            input.addArgs(ByteString.copyFromUtf8(a));
        }
        try (TxSimulator sim = ledger.newTxSimulator(txId)) {
            ChaincodeResult result = support.execute(new ChaincodeInvocation(
                    CHANNEL,
                    txId,
                    name,
                    definitions.get(name),
                    input.build(),
                    SignedProposal.getDefaultInstance(),
                    false,
                    sim,
                    ledger.historyReader()));
            var simulation = sim.results();
            if (commit) {
                ledger.commit(ValidatedBlock.allValid(chain.blockOf(chain.tx(txId, simulation))));
            }
            return new Result(result, simulation.rwSet());
        }
    }

    record Result(ChaincodeResult result, TxReadWriteSet rwSet) {
        int status() {
            return result.response().getStatus();
        }

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
            return KVRWSet.getDefaultInstance();
        }
    }

    @Override
    public void close() throws InterruptedException {
        support.close();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        requests.shutdownNow();
        launches.shutdownNow();
        timer.shutdownNow();
        ledgers.close();
    }

    /** Lets the server start (and tell its port) before the service that needs the port exists. */
    private static final class SupportHolder
            extends org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc.ChaincodeSupportImplBase {
        volatile ChaincodeSupport delegate;

        @Override
        public io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.peer.ChaincodeMessage> register(
                io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.peer.ChaincodeMessage> responseObserver) {
            return delegate.register(responseObserver);
        }
    }
}
