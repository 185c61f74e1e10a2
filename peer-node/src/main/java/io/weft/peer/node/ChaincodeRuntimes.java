package io.weft.peer.node;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.peer.chaincode.ChaincodeRuntime;
import io.weft.peer.chaincode.DevChaincodeRuntime;
import io.weft.peer.chaincode.DockerChaincodeRuntime;
import io.weft.peer.chaincode.DockerMavenBuilder;
import io.weft.peer.chaincode.ExternalChaincodeRuntime;
import io.weft.peer.chaincode.LocalMavenBuilder;
import io.weft.peer.chaincode.ProcessChaincodeRuntime;
import io.weft.peer.chaincode.RoutingChaincodeRuntime;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.operations.HealthCheck;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the chaincode runtime from {@code chaincode.runtime} and {@code vm.endpoint}, and says why. */
final class ChaincodeRuntimes {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeRuntimes.class);
    static final String JAVAENV = "weft/javaenv:latest";
    /** Compiles packages that carry a Maven project; needed only for those, so not checked at start. */
    static final String JAVAENV_BUILDER = "weft/javaenv-builder:latest";

    private ChaincodeRuntimes() {}

    static ChaincodeRuntime choose(PeerConfig config, Executor logPumps) {
        ChaincodeRuntime java;
        if (config.chaincode().devMode()) {
            LOG.info(
                    "chaincode runtime: dev mode (start chaincode yourself; it registers with {})",
                    config.chaincodeListenAddress());
            java = new DevChaincodeRuntime();
        } else {
            java = switch (config.chaincode().runtime()) {
                case "docker" ->
                    docker(config)
                            .orElseThrow(() -> new ConfigException("chaincode.runtime is docker but"
                                    + " no Docker engine answers at vm.endpoint " + config.vmEndpoint()
                                    + " or the image " + JAVAENV
                                    + " is missing (build it with docker/build-images.sh javaenv)"));
                case "process" -> process(config, logPumps, "chaincode.runtime is process");
                default ->
                    docker(config)
                            .orElseGet(() -> process(
                                    config,
                                    logPumps,
                                    "no Docker engine with " + JAVAENV + " at vm.endpoint " + config.vmEndpoint()));
            };
        }
        return new RoutingChaincodeRuntime(java, new ExternalChaincodeRuntime());
    }

    private static ChaincodeRuntime process(PeerConfig config, Executor logPumps, String why) {
        LOG.info("chaincode runtime: child JVM processes ({})", why);
        return new ProcessChaincodeRuntime(
                config.fileSystemPath(),
                ProcessChaincodeRuntime.currentJava(),
                List.of(),
                logPumps,
                new LocalMavenBuilder("mvn", config.chaincode().installTimeout()));
    }

    private static Optional<ChaincodeRuntime> docker(PeerConfig config) {
        if (config.vmEndpoint().isBlank()) {
            return Optional.empty();
        }
        try {
            DockerClient docker = DockerChaincodeRuntime.connect(config.vmEndpoint());
            docker.pingCmd().exec();
            docker.inspectImageCmd(JAVAENV).exec();
            LOG.info(
                    "chaincode runtime: Docker containers from {} via {}; Maven projects build in {} with the Maven"
                            + " repositories {}",
                    JAVAENV,
                    config.vmEndpoint(),
                    JAVAENV_BUILDER,
                    config.chaincode().mavenRepositories());
            try {
                docker.inspectImageCmd(JAVAENV_BUILDER).exec();
            } catch (NotFoundException e) {
                LOG.info(
                        "no {} image: packages that carry a Maven project cannot be built until"
                                + " docker/build-images.sh javaenv-builder has made it (packaged jars run as they are)",
                        JAVAENV_BUILDER);
            }
            return Optional.of(new DockerChaincodeRuntime(
                    docker,
                    JAVAENV,
                    new DockerMavenBuilder(
                            docker, JAVAENV_BUILDER, config.chaincode().mavenRepositories()),
                    config.chaincode().installTimeout()));
        } catch (RuntimeException e) {
            LOG.debug("Docker not usable: {}", e.toString());
            return Optional.empty();
        }
    }

    static HealthCheck dockerHealth(PeerConfig config) {
        return new HealthCheck() {
            @Override
            public String component() {
                return "docker";
            }

            @Override
            public Optional<String> check() {
                try {
                    DockerChaincodeRuntime.connect(config.vmEndpoint())
                            .pingCmd()
                            .exec();
                    return Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.of(
                            "cannot reach the Docker engine at " + config.vmEndpoint() + ": " + e.getMessage());
                }
            }
        };
    }
}
