package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.peer.chaincode.DockerChaincodeRuntime;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official-shim chaincode, installed as a Java package, runs in a Docker container built FROM the local
 * weft/javaenv image (built here by docker/build-images.sh when missing; nothing is pulled), dials the peer over the
 * host network and serves a transaction. With CI=true a missing Docker engine fails the test instead of skipping it.
 */
class DockerChaincodeIT {
    private static final String BASE_IMAGE = "weft/javaenv:latest";
    private static DockerClient docker;

    @TempDir
    Path dir;

    ChaincodePeerHarness peer;

    @BeforeAll
    static void requireDocker() throws Exception {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        try {
            docker = DockerChaincodeRuntime.connect(host);
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but no Docker engine is reachable at " + host + ": " + e.getMessage());
            }
            Assumptions.abort("no Docker engine reachable at " + host + " (" + e.getMessage() + ")");
        }
        try {
            docker.inspectImageCmd(BASE_IMAGE).exec();
        } catch (NotFoundException e) {
            buildJavaenv();
        }
    }

    private static void buildJavaenv() throws Exception {
        Path home = Paths.get(System.getProperty("weft.home", ".."));
        Process build = new ProcessBuilder(
                        "bash", home.resolve("docker/build-images.sh").toString(), "javaenv")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            fail("docker/build-images.sh javaenv failed");
        }
    }

    @BeforeEach
    void startPeer() throws Exception {
        peer = harness(dir, false);
    }

    private static ChaincodePeerHarness harness(Path directory, boolean tls) throws Exception {
        return new ChaincodePeerHarness(
                directory,
                fs -> new DockerChaincodeRuntime(docker, BASE_IMAGE, Duration.ofMinutes(5)),
                Duration.ofSeconds(120),
                tls);
    }

    @Test
    void aChaincodeContainerRegistersOverTlsWithTheFilesCopiedIntoIt() throws Exception {
        peer.close();
        peer = harness(dir.resolve("tls"), true);
        String id = peer.installJar("asset", ChaincodePeerHarness.chaincodeJar());
        String container = "weft-cc-asset_1.0-" + id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);

        assertThat(peer.invoke("asset", true, "put", "color", "green").status()).isEqualTo(200);

        assertThat(peer.invoke("asset", false, "get", "color").payload()).isEqualTo("green");
        assertThat(docker.inspectContainerCmd(container).exec().getConfig().getEnv())
                .contains(
                        "CORE_PEER_TLS_ENABLED=true",
                        "CORE_TLS_CLIENT_KEY_PATH=/etc/hyperledger/fabric/client.key",
                        "CORE_TLS_CLIENT_CERT_PATH=/etc/hyperledger/fabric/client.crt",
                        "CORE_PEER_TLS_ROOTCERT_FILE=/etc/hyperledger/fabric/peer.crt");
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
    }

    @Test
    void aChaincodeInADockerContainerServesTransactionsAndIsRemovedOnShutdown() {
        String id = peer.installJar("asset", ChaincodePeerHarness.chaincodeJar());
        String image = "weft-cc-asset_1.0-" + id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);

        ChaincodePeerHarness.Result put = peer.invoke("asset", true, "put", "color", "blue");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.ns("asset").getWrites(0).getValue().toStringUtf8()).isEqualTo("blue");
        assertThat(peer.invoke("asset", false, "get", "color").payload()).isEqualTo("blue");
        assertThat(docker.inspectImageCmd(image).exec().getId()).isNotEmpty();
        assertThat(docker.inspectContainerCmd(image).exec().getState().getRunning())
                .isTrue();

        // a container that dies is relaunched for the next transaction
        docker.killContainerCmd(image).exec();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !peer.support.isReady(id));
        assertThat(peer.invoke("asset", false, "get", "color").payload()).isEqualTo("blue");

        peer.support.close();
        assertThat(docker.listContainersCmd()
                        .withShowAll(true)
                        .withNameFilter(java.util.List.of(image))
                        .exec())
                .isEmpty();
    }
}
