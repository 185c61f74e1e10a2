package io.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Pem;
import io.weft.msp.Subject;
import io.weft.peer.chaincode.TarArchives.TarFile;
import io.weft.shim.ChaincodeServer;
import io.weft.shim.ShimConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaincode as a service over TLS: the peer dials a chaincode server (Weft's shim on a loopback port with real TLS)
 * with the {@code root_cert}, {@code client_cert} and {@code client_key} of the package's {@code connection.json}.
 */
class ExternalChaincodeTlsTest {
    private static final String CHANNEL = "mychannel";
    private static final CryptoProvider CRYPTO = CryptoProvider.bouncyCastle();
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private final CertificateAuthority serverCa = ca("server CA");
    private final CertificateAuthority clientCa = ca("client CA");
    private final TestChain chain = new TestChain(CHANNEL);
    private LedgerProvider ledgers;
    private ChannelLedger ledger;
    private ChaincodePackageStore packages;
    private ExecutorService requests;
    private ExecutorService launches;
    private ScheduledExecutorService timer;
    private ChaincodeSupport support;
    private ChaincodeServer chaincodeServer;
    private String packageId;

    @BeforeEach
    void openLedger() {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        ledger = ledgers.create(chain.genesis());
        packages = new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        requests = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1000));
        launches = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        support = new ChaincodeSupport(
                ChaincodeConfig.defaults(dir, "127.0.0.1:7052", "Org1MSP").withStartupTimeout(Duration.ofSeconds(20)),
                packages,
                new ExternalChaincodeRuntime(),
                (ch, name) -> Optional.of(packageId),
                ledgers::get,
                new ChaincodeExecutors(requests, launches, timer),
                new io.weft.peer.operations.Metrics());
    }

    @AfterEach
    void stop() {
        support.close();
        if (chaincodeServer != null) {
            chaincodeServer.close();
        }
        requests.shutdownNow();
        launches.shutdownNow();
        timer.shutdownNow();
        ledgers.close();
    }

    @Test
    void thePeerDialsAChaincodeServerWithTlsAndItsClientCertificate() throws IOException {
        Issued server = issue(serverCa, KeyPurposeId.id_kp_serverAuth, "127.0.0.1");
        Issued client = issue(clientCa, KeyPurposeId.id_kp_clientAuth);
        int port = freePort();
        install(
                port,
                "\"tls_required\":true,\"client_auth_required\":true,\"root_cert\":" + json(pem(serverCa))
                        + ",\"client_cert\":" + json(client.certificatePem) + ",\"client_key\":" + json(client.keyPem));
        serve(port, server, true);

        ChaincodeResult result = put("k", "v");

        assertThat(result.response().getPayload().toStringUtf8()).isEqualTo("stored k");
    }

    @Test
    void tlsWithoutClientAuthenticationTrustsOnlyTheRootCertificate() throws IOException {
        Issued server = issue(serverCa, KeyPurposeId.id_kp_serverAuth, "127.0.0.1");
        int port = freePort();
        install(port, "\"tls_required\":true,\"root_cert\":" + json(pem(serverCa)));
        serve(port, server, false);

        assertThat(put("k", "v").response().getStatus()).isEqualTo(200);
    }

    @Test
    void aServerCertificateOfAnotherCaFailsTheLaunch() throws IOException {
        Issued server = issue(serverCa, KeyPurposeId.id_kp_serverAuth, "127.0.0.1");
        int port = freePort();
        install(port, "\"tls_required\":true,\"root_cert\":" + json(pem(clientCa)));
        serve(port, server, false);

        assertThatThrownBy(() -> put("k", "v"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("connection to 127.0.0.1:" + port + " failed");
    }

    @Test
    void aServerRequiringClientCertificatesRefusesAPeerWithout() throws IOException {
        Issued server = issue(serverCa, KeyPurposeId.id_kp_serverAuth, "127.0.0.1");
        int port = freePort();
        install(port, "\"tls_required\":true,\"root_cert\":" + json(pem(serverCa)));
        serve(port, server, true);

        assertThatThrownBy(() -> put("k", "v")).isInstanceOf(ChaincodeException.class);
    }

    @Test
    void connectionJsonWithClientAuthenticationButNoKeyIsRefusedAtInstall() {
        assertThatThrownBy(() -> install(
                        1234,
                        "\"tls_required\":true,\"client_auth_required\":true,\"root_cert\":" + json(pem(serverCa))))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("client_key");
        assertThatThrownBy(() -> install(1234, "\"tls_required\":true,\"root_cert\":\"not a certificate\""))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("root_cert");
    }

    private void install(int port, String tlsFields) {
        String connection = "{\"address\":\"127.0.0.1:" + port + "\",\"dial_timeout\":\"5s\"," + tlsFields + "}";
        packageId = packages.install(TestPackages.pkg(
                        "{\"type\":\"ccaas\",\"label\":\"svc\"}",
                        List.of(new TarFile("connection.json", connection.getBytes(StandardCharsets.UTF_8)))))
                .packageId();
    }

    /** Weft's shim as a chaincode server with TLS, requiring client certificates of the client CA if asked. */
    private void serve(int port, Issued server, boolean requireClientCertificate) throws IOException {
        SslContextBuilder ssl = GrpcSslContexts.forServer(stream(server.certificatePem), stream(server.keyPem));
        if (requireClientCertificate) {
            ssl.trustManager(clientCa.certificate()).clientAuth(ClientAuth.REQUIRE);
        }
        chaincodeServer = new ChaincodeServer(
                ShimConfig.of(packageId, ShimConfig.DEFAULT_PEER_ADDRESS),
                new TlsTestChaincode(),
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                        .sslContext(ssl.build()));
        chaincodeServer.start();
    }

    private ChaincodeResult put(String key, String value) {
        try (TxSimulator sim = ledger.newTxSimulator("tx-" + key)) {
            return support.execute(new ChaincodeInvocation(
                    CHANNEL,
                    "tx-" + key,
                    "svc",
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
        }
    }

    private record Issued(String certificatePem, String keyPem) {}

    private static CertificateAuthority ca(String name) {
        return CertificateAuthority.selfSigned(
                CRYPTO, Subject.of("Test", name), NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(1)));
    }

    private static Issued issue(CertificateAuthority ca, KeyPurposeId purpose, String... hosts) {
        KeyPair keyPair = CertificateAuthority.generateKeyPair(CRYPTO);
        var certificate = ca.issue(new CertificateRequest(
                Subject.of("Test", "chaincode"),
                keyPair.getPublic(),
                NOW.minusSeconds(3600),
                NOW.plus(Duration.ofDays(1)),
                false,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(purpose),
                List.of(hosts)));
        return new Issued(Pem.encodeCertificate(certificate), Pem.encodePrivateKey(keyPair.getPrivate()));
    }

    private static String pem(CertificateAuthority ca) {
        return Pem.encodeCertificate(ca.certificate());
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
