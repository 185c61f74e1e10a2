package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.weft.peer.chaincode.DockerChaincodeRuntime;
import io.weft.peer.chaincode.DockerMavenBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
        docker = DockerForTests.requireEngine();
        DockerForTests.buildImageIfMissing(docker, BASE_IMAGE, "javaenv");
    }

    @BeforeEach
    void startPeer() throws Exception {
        peer = harness(dir, false);
    }

    private static ChaincodePeerHarness harness(Path directory, boolean tls) throws Exception {
        return new ChaincodePeerHarness(
                directory,
                fs -> new DockerChaincodeRuntime(
                        docker,
                        BASE_IMAGE,
                        new DockerMavenBuilder(docker, "weft/javaenv-builder:latest", List.of()),
                        Duration.ofMinutes(5)),
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
