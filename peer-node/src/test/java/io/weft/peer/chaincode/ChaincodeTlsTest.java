package io.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Pem;
import io.weft.shim.Shim;
import io.weft.shim.ShimConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the chaincode stream over real TLS on a loopback port: the listener serves a certificate of the peer's
 * chaincode CA and requires a client certificate from it; a launched chaincode gets its own certificate, registers
 * with it and runs transactions; plaintext clients, clients without a certificate or with one of another CA fail the
 * handshake, and a certificate issued to another chaincode is refused at REGISTER.
 */
class ChaincodeTlsTest {
    private static final String CHANNEL = "mychannel";
    private static final CryptoProvider CRYPTO = CryptoProvider.bouncyCastle();

    @TempDir
    Path dir;

    private final ChaincodeTlsAuthority authority = ChaincodeTlsAuthority.create(CRYPTO, Clock.systemUTC());
    private final TestChain chain = new TestChain(CHANNEL);
    private LedgerProvider ledgers;
    private ChannelLedger ledger;
    private ChaincodePackageStore packages;
    private ExecutorService requests;
    private ExecutorService launches;
    private ExecutorService chaincodeThreads;
    private ScheduledExecutorService timer;
    private Server server;
    private ChaincodeSupport support;
    private String packageId;

    @BeforeEach
    void openLedger() throws IOException {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        ledger = ledgers.create(chain.genesis());
        packages = new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        packageId = packages.install(TestPackages.javaPackage(
                        "tlscc", TestPackages.jar(TlsTestChaincode.class.getName(), "x/Main.class")))
                .packageId();
        requests = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1000));
        launches = Executors.newFixedThreadPool(2);
        chaincodeThreads = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    /** Chaincode support with TLS on 127.0.0.1, on a free port, launching through {@code runtime}. */
    private void startPeer(Function<String, ChaincodeRuntime> runtimeForPeerAddress) throws IOException {
        SupportHolder holder = new SupportHolder();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(authority.serverContext("127.0.0.1"))
                .addService(authority.authenticated(holder))
                .build()
                .start();
        String peerAddress = "127.0.0.1:" + server.getPort();
        support = new ChaincodeSupport(
                ChaincodeConfig.defaults(dir, peerAddress, "Org1MSP").withStartupTimeout(Duration.ofSeconds(60)),
                packages,
                runtimeForPeerAddress.apply(peerAddress),
                (ch, name) -> Optional.of(packageId),
                ledgers::get,
                new ChaincodeExecutors(requests, launches, timer),
                new io.weft.peer.operations.Metrics(),
                Optional.of(authority));
        holder.delegate = support;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (support != null) {
            support.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        chaincodeThreads.shutdownNow();
        requests.shutdownNow();
        launches.shutdownNow();
        timer.shutdownNow();
        ledgers.close();
    }

    @Test
    void aLaunchedChaincodeRegistersWithItsIssuedCertificateAndRunsATransaction() throws IOException {
        startPeer(address -> new ShimThreadRuntime());

        ChaincodeResult result = put("color", "blue");

        assertThat(result.response().getStatus()).isEqualTo(200);
        assertThat(result.response().getPayload().toStringUtf8()).isEqualTo("stored color");
        assertThat(support.isReady(packageId)).isTrue();
        assertThat(authority.bound()).as("the binding ends with the launch").isZero();
    }

    @Test
    void aChaincodeProcessLaunchedByTheProcessRuntimeRegistersOverTls() throws IOException {
        // the package's jar is a stub: the child JVM runs the test chaincode from this test's class path
        startPeer(address -> new ProcessChaincodeRuntime(
                dir,
                ProcessChaincodeRuntime.currentJava(),
                List.of("-Xmx96m", "-cp", System.getProperty("java.class.path"), TlsTestChaincode.class.getName()),
                chaincodeThreads,
                new LocalMavenBuilder("mvn", Duration.ofMinutes(1))));

        ChaincodeResult result = put("size", "9");

        assertThat(result.response().getPayload().toStringUtf8()).isEqualTo("stored size");
    }

    @Test
    void aPlaintextClientIsRefused() {
        startPeerWithoutChaincode();

        assertThat(register(null, packageId)).startsWith("UNAVAILABLE");
    }

    @Test
    void aTlsClientWithoutACertificateFailsTheHandshake() {
        startPeerWithoutChaincode();

        assertThat(register(client(null), packageId)).startsWith("UNAVAILABLE");
    }

    @Test
    void aClientCertificateOfAnotherCaFailsTheHandshake() {
        startPeerWithoutChaincode();
        ChaincodeTlsFiles foreign =
                ChaincodeTlsAuthority.create(CRYPTO, Clock.systemUTC()).issue(packageId);

        assertThat(register(client(foreign), packageId)).startsWith("UNAVAILABLE");
    }

    @Test
    void aCertificateIssuedToAnotherChaincodeIsRefusedAtRegister() {
        startPeerWithoutChaincode();
        ChaincodeTlsFiles issuedToOther = authority.issue("other:1");

        assertThat(register(client(issuedToOther), packageId))
                .startsWith("INVALID_ARGUMENT")
                .contains("belongs to a different chaincode");
    }

    @Test
    void aCertificateWhoseLaunchEndedIsRefusedAtRegister() {
        startPeerWithoutChaincode();
        ChaincodeTlsFiles expired = authority.issue(packageId);
        authority.forget(expired);

        assertThat(register(client(expired), packageId))
                .startsWith("INVALID_ARGUMENT")
                .contains("not found in registry");
    }

    private void startPeerWithoutChaincode() {
        try {
            startPeer(address -> new ShimThreadRuntime());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChaincodeResult put(String key, String value) {
        try (TxSimulator sim = ledger.newTxSimulator("tx-" + key)) {
            ChaincodeResult result = support.execute(new ChaincodeInvocation(
                    CHANNEL,
                    "tx-" + key,
                    "tlscc",
                    packageId,
                    ChaincodeInput.newBuilder()
                            .addArgs(ByteString.copyFromUtf8("put"))
                            .addArgs(ByteString.copyFromUtf8(key))
                            .addArgs(ByteString.copyFromUtf8(value))
                            .build(),
                    SignedProposal.getDefaultInstance(),
                    false,
                    sim,
                    ledger.historyReader()));
            KVRWSet writes =
                    KVRWSet.parseFrom(sim.results().rwSet().getNsRwset(0).getRwset());
            assertThat(writes.getWrites(0).getKey()).isEqualTo(key);
            return result;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client context trusting the peer's chaincode CA, presenting {@code files}' certificate if given. */
    private SslContext client(ChaincodeTlsFiles files) {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient()
                    .trustManager(Pem.parseCertificate(
                            Pem.decodeFirst(authority.rootCertificatePem().getBytes(StandardCharsets.US_ASCII))
                                    .der()));
            if (files != null) {
                builder.keyManager(
                        new ByteArrayInputStream(files.clientCertificatePem().getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayInputStream(files.clientKeyPem().getBytes(StandardCharsets.US_ASCII)));
            }
            return builder.build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends REGISTER over a new connection; the peer's first answer: a message type, or the failure's status. */
    private String register(SslContext ssl, String chaincodeId) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort());
        if (ssl == null) {
            builder.usePlaintext();
        } else {
            builder.sslContext(ssl);
        }
        ManagedChannel channel = builder.build();
        try {
            CompletableFuture<String> answer = new CompletableFuture<>();
            StreamObserver<ChaincodeMessage> toPeer = ChaincodeSupportGrpc.newStub(channel)
                    .register(new StreamObserver<>() {
                        @Override
                        public void onNext(ChaincodeMessage message) {
                            answer.complete(message.getType().name());
                        }

                        @Override
                        public void onError(Throwable t) {
                            Status status = Status.fromThrowable(t);
                            answer.complete(status.getCode() + ": " + status.getDescription());
                        }

                        @Override
                        public void onCompleted() {
                            answer.complete("completed");
                        }
                    });
            toPeer.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.REGISTER)
                    .setPayload(ChaincodeID.newBuilder()
                            .setName(chaincodeId)
                            .build()
                            .toByteString())
                    .build());
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * Runs {@link TlsTestChaincode} on Weft's shim in a thread of this JVM, configured as a launched process is: the
     * launch's TLS files in a directory and Fabric's environment pointing at them.
     */
    private final class ShimThreadRuntime implements ChaincodeRuntime {
        @Override
        public void start(ChaincodeLaunch launch) {
            try {
                Path tlsDir = Files.createTempDirectory(dir, "shim-tls");
                for (Map.Entry<String, byte[]> file :
                        launch.tls().orElseThrow().files().entrySet()) {
                    Files.write(tlsDir.resolve(file.getKey()), file.getValue());
                }
                ShimConfig config = ShimConfig.fromEnvironment(launch.environment(tlsDir.toString()), new String[0]);
                chaincodeThreads.execute(() -> Shim.run(config, new TlsTestChaincode()));
            } catch (IOException e) {
                throw new ChaincodeException(e.getMessage(), e);
            }
        }

        @Override
        public void stop(String chaincodeId) {}

        @Override
        public boolean isRunning(String chaincodeId) {
            return false;
        }

        @Override
        public void close() {}
    }

    /** Lets the server bind (and tell its port) before the support that needs the port exists. */
    private static final class SupportHolder extends ChaincodeSupportGrpc.ChaincodeSupportImplBase {
        volatile ChaincodeSupport delegate;

        @Override
        public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> toChaincode) {
            return delegate.register(toChaincode);
        }
    }
}
