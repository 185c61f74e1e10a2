package io.weft.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.peer.chaincode.DockerChaincodeRuntime;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine of the Docker integration tests: with CI=true a missing engine fails the test instead of skipping
 * it; images Weft builds itself are built with the project's script when missing (never pulled).
 */
final class DockerForTests {
    private DockerForTests() {}

    /** A client of the engine at {@code DOCKER_HOST} (default: the local socket), or the test is failed or skipped. */
    static DockerClient requireEngine() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        try {
            DockerClient docker = DockerChaincodeRuntime.connect(host);
            docker.pingCmd().exec();
            return docker;
        } catch (RuntimeException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but no Docker engine is reachable at " + host + ": " + e.getMessage());
            }
            Assumptions.abort("no Docker engine reachable at " + host + " (" + e.getMessage() + ")");
            throw new AssertionError("unreachable");
        }
    }

    /** Builds {@code image} with {@code docker/build-images.sh <what>} unless the engine has it. */
    static void buildImageIfMissing(DockerClient docker, String image, String what) throws Exception {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            Path home = WeftProcesses.home();
            Process build = new ProcessBuilder(
                            "bash", home.resolve("docker/build-images.sh").toString(), what)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
                fail("docker/build-images.sh " + what + " failed");
            }
        }
    }
}
