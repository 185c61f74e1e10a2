package io.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.weft.msp.CryptoProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the process runtime hands a chaincode: Fabric's environment, and with TLS the launch's files in an owner-only
 * directory beside the jar, removed when the process ends. The "java" here is a script that records what it got.
 */
class ProcessChaincodeRuntimeTest {
    @TempDir
    Path dir;

    private ExecutorService logPumps;
    private Path out;
    private ProcessChaincodeRuntime runtime;
    private ChaincodePackage pkg;

    @BeforeEach
    void setUp() throws IOException {
        logPumps = Executors.newCachedThreadPool();
        out = Files.createDirectories(dir.resolve("out"));
        Path script = dir.resolve("fake-java");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "out='" + out + "'",
                        "env > \"$out/env\"",
                        "if [ \"$CORE_PEER_TLS_ENABLED\" = true ]; then",
                        "  tls=$(dirname \"$CORE_TLS_CLIENT_KEY_PATH\")",
                        "  printf %s \"$(stat -c %a \"$tls\")\" > \"$out/dir.mode\"",
                        "  printf %s \"$(stat -c %a \"$CORE_TLS_CLIENT_KEY_PATH\")\" > \"$out/key.mode\"",
                        "  cp \"$CORE_TLS_CLIENT_KEY_PATH\" \"$out/client.key\"",
                        "  cp \"$CORE_TLS_CLIENT_CERT_PATH\" \"$out/client.crt\"",
                        "  cp \"$CORE_TLS_CLIENT_KEY_FILE\" \"$out/client_pem.key\"",
                        "  cp \"$CORE_TLS_CLIENT_CERT_FILE\" \"$out/client_pem.crt\"",
                        "  cp \"$CORE_PEER_TLS_ROOTCERT_FILE\" \"$out/peer.crt\"",
                        "fi",
                        "exit 3",
                        ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        runtime = new ProcessChaincodeRuntime(
                dir, script, List.of(), logPumps, new LocalMavenBuilder("mvn", java.time.Duration.ofMinutes(1)));
        ChaincodePackageStore store = new ChaincodePackageStore(dir, ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        pkg = store.parse(TestPackages.javaPackage("cc", TestPackages.jar("x.Main", "x/Main.class")));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        logPumps.shutdownNow();
    }

    @Test
    void withTlsTheChaincodeGetsItsCertificateKeyAndThePeersCaInOwnerOnlyFilesRemovedOnExit() throws Exception {
        ChaincodeTlsAuthority authority =
                ChaincodeTlsAuthority.create(CryptoProvider.bouncyCastle(), Clock.systemUTC());
        ChaincodeTlsFiles tls = authority.issue(pkg.packageId());

        String exit = run(Optional.of(tls));

        assertThat(exit).isEqualTo("process exited with code 3");
        Map<String, String> env = env();
        Path chaincodeDir = dir.resolve("chaincodes").resolve("cc." + pkg.hash());
        assertThat(env)
                .containsEntry("CORE_CHAINCODE_ID_NAME", pkg.packageId())
                .containsEntry("CORE_PEER_ADDRESS", "127.0.0.1:7052")
                .containsEntry("CORE_PEER_LOCALMSPID", "Org1MSP")
                .containsEntry("CORE_PEER_TLS_ENABLED", "true");
        Path tlsDir = Path.of(env.get("CORE_TLS_CLIENT_KEY_PATH")).getParent();
        assertThat(tlsDir.getParent()).isEqualTo(chaincodeDir);
        assertThat(env)
                .containsEntry(
                        "CORE_TLS_CLIENT_KEY_PATH", tlsDir.resolve("client.key").toString())
                .containsEntry(
                        "CORE_TLS_CLIENT_CERT_PATH",
                        tlsDir.resolve("client.crt").toString())
                .containsEntry(
                        "CORE_TLS_CLIENT_KEY_FILE",
                        tlsDir.resolve("client_pem.key").toString())
                .containsEntry(
                        "CORE_TLS_CLIENT_CERT_FILE",
                        tlsDir.resolve("client_pem.crt").toString())
                .containsEntry(
                        "CORE_PEER_TLS_ROOTCERT_FILE",
                        tlsDir.resolve("peer.crt").toString());
        assertThat(decodeBase64(out.resolve("client.key"))).isEqualTo(tls.clientKeyPem());
        assertThat(decodeBase64(out.resolve("client.crt"))).isEqualTo(tls.clientCertificatePem());
        assertThat(out.resolve("client_pem.key")).hasContent(tls.clientKeyPem());
        assertThat(out.resolve("client_pem.crt")).hasContent(tls.clientCertificatePem());
        assertThat(out.resolve("peer.crt")).hasContent(authority.rootCertificatePem());
        assertThat(out.resolve("dir.mode")).hasContent("700");
        assertThat(out.resolve("key.mode")).hasContent("600");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(tlsDir));
    }

    @Test
    void withoutTlsTheChaincodeGetsTlsDisabledAndNoFiles() throws Exception {
        run(Optional.empty());

        Map<String, String> env = env();
        assertThat(env).containsEntry("CORE_PEER_TLS_ENABLED", "false");
        assertThat(env.keySet()).noneMatch(name -> name.startsWith("CORE_TLS_"));
        assertThat(env).doesNotContainKey("CORE_PEER_TLS_ROOTCERT_FILE");
        try (var files = Files.list(dir.resolve("chaincodes").resolve("cc." + pkg.hash()))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("chaincode.jar");
        }
    }

    /** Starts the package and waits for the script to exit; returns the exit reason. */
    private String run(Optional<ChaincodeTlsFiles> tls) throws Exception {
        CompletableFuture<String> exited = new CompletableFuture<>();
        runtime.start(new ChaincodeLaunch(
                pkg.packageId(),
                Optional.of(pkg),
                "127.0.0.1:7052",
                "Org1MSP",
                tls,
                origin -> new ChaincodeStreamConnector.Connection() {
                    @Override
                    public StreamObserver<ChaincodeMessage> fromChaincode() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void attach(StreamObserver<ChaincodeMessage> toChaincode) {}
                },
                exited::complete));
        return exited.get(20, TimeUnit.SECONDS);
    }

    private Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String decodeBase64(Path file) throws IOException {
        return new String(Base64.getDecoder().decode(Files.readAllBytes(file)), StandardCharsets.US_ASCII);
    }
}
