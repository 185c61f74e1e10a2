package io.weft.peer.chaincode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Java chaincode package in one long-lived Docker container, shared by every channel. Per package it builds
 * an image {@code weft-cc-<label>-<hash12>} FROM the local {@code weft/javaenv} image with the chaincode's jar at
 * {@code /chaincode/chaincode.jar} and the command that runs it (a two-file build context; never pulling: the base image
 * must have been built by {@code docker/build-images.sh javaenv}). The jar is the one the package carries, or, for a
 * package that carries a Maven project, the one {@link DockerMavenBuilder} builds in a throwaway builder container. The
 * image is built at install ({@link #build}, bounded by {@code chaincode.installTimeout}) so that a launch only starts
 * a container, or at the first launch when it is missing. The container of a package has the image's name, the host
 * network and Fabric's environment, and its output goes to the peer log. With TLS on the chaincode stream, the
 * launch's client key and certificate and the peer's chaincode CA are copied into the created container before it
 * starts, at Fabric's paths ({@code /etc/hyperledger/fabric/client.key}, {@code client.crt}, {@code client_pem.key},
 * {@code client_pem.crt}, {@code peer.crt}, mode 0644 as Fabric writes them). A container left by an earlier run of the
 * peer is removed first; containers are removed on {@link #stop} and {@link #close}. When the container exits before
 * registering, the launch fails at once with its exit code.
 */
public final class DockerChaincodeRuntime implements ChaincodeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DockerChaincodeRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LABEL = "io.weft.chaincode";
    static final String JAR_PATH = "/chaincode/chaincode.jar";

    private final DockerClient docker;
    private final String baseImage;
    private final DockerMavenBuilder mavenBuilder;
    private final Duration buildTimeout;
    private final Map<String, String> containers = new ConcurrentHashMap<>();
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();

    /**
     * @param docker the engine's client ({@link #connect})
     * @param baseImage the local base image, {@code weft/javaenv:latest}
     * @param mavenBuilder builds the packages that carry a Maven project
     * @param buildTimeout bound on building a package's image, its Maven build included ({@code
     *     chaincode.installTimeout})
     */
    public DockerChaincodeRuntime(
            DockerClient docker, String baseImage, DockerMavenBuilder mavenBuilder, Duration buildTimeout) {
        this.docker = docker;
        this.baseImage = baseImage;
        this.mavenBuilder = mavenBuilder;
        this.buildTimeout = buildTimeout;
    }

    /** A client of the engine at {@code dockerHost} ({@code unix:///var/run/docker.sock}, Fabric's vm.endpoint). */
    public static DockerClient connect(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public void start(ChaincodeLaunch launch) {
        ChaincodePackage pkg = launch.requirePackage();
        if (!pkg.metadata().isJava()) {
            throw new ChaincodeException("the Docker runtime runs Java chaincode only, package " + pkg + " is not");
        }
        String image = ensureImage(pkg);
        String name = image;
        removeContainer(name);
        List<String> env = new ArrayList<>();
        launch.environment(ChaincodeTlsFiles.FABRIC_DIRECTORY).forEach((k, v) -> env.add(k + "=" + v));
        String containerId = docker.createContainerCmd(image)
                .withName(name)
                .withEnv(env)
                .withLabels(Map.of(LABEL, launch.chaincodeId()))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
                .exec()
                .getId();
        launch.tls().ifPresent(tls -> copyTlsFiles(containerId, tls));
        docker.startContainerCmd(containerId).exec();
        containers.put(launch.chaincodeId(), containerId);
        LOG.info("started chaincode {} in container {} ({})", launch.chaincodeId(), name, shortId(containerId));
        docker.logContainerCmd(containerId)
                .withFollowStream(true)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                        text.lines()
                                .filter(line -> !line.isEmpty())
                                .forEach(line -> ChaincodeLogs.line(launch.chaincodeId(), line));
                    }
                });
        docker.waitContainerCmd(containerId).exec(new ResultCallback.Adapter<WaitResponse>() {
            @Override
            public void onNext(WaitResponse response) {
                containers.remove(launch.chaincodeId(), containerId);
                LOG.info("chaincode {} container exited with code {}", launch.chaincodeId(), response.getStatusCode());
                launch.exited().accept("container exited with code " + response.getStatusCode());
            }
        });
    }

    private void copyTlsFiles(String containerId, ChaincodeTlsFiles tls) {
        String dir = ChaincodeTlsFiles.FABRIC_DIRECTORY.substring(1) + "/";
        List<TarFile> files = new ArrayList<>();
        tls.files().forEach((name, content) -> files.add(new TarFile(dir + name, content)));
        try {
            docker.copyArchiveToContainerCmd(containerId)
                    .withTarInputStream(new ByteArrayInputStream(TarArchives.tar(files)))
                    .withRemotePath("/")
                    .exec();
        } catch (RuntimeException e) {
            removeContainer(containerId);
            throw new ChaincodeException(
                    "could not copy the TLS files into the chaincode container " + shortId(containerId) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Builds the package's image unless it exists: its Maven project first, when it carries one. */
    @Override
    public void build(ChaincodePackage pkg) {
        if (!pkg.metadata().isJava()) {
            throw new ChaincodeException("the Docker runtime runs Java chaincode only, package " + pkg + " is not");
        }
        ensureImage(pkg);
    }

    /** The package's image, built first when missing; one build at a time per package. */
    private String ensureImage(ChaincodePackage pkg) {
        String image = imageName(pkg);
        synchronized (buildLocks.computeIfAbsent(image, name -> new Object())) {
            if (imageReady(image)) {
                return image;
            }
            if (!imageExists(baseImage)) {
                throw new ChaincodeException("Docker image " + baseImage + " not found: build it with"
                        + " docker/build-images.sh javaenv (Weft never pulls images)");
            }
            BuildDeadline deadline = BuildDeadline.after(buildTimeout);
            try {
                JavaPackageCode code = JavaPackageCode.detect(pkg);
                JavaChaincodeJar jar = code instanceof MavenProject project
                        ? mavenBuilder.build(pkg, project, deadline)
                        : (JavaChaincodeJar) code;
                buildRunImage(pkg, image, jar, deadline);
            } catch (ChaincodeException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ChaincodeException(
                        "Docker failed building the image of chaincode package " + pkg.packageId() + ": " + e, e);
            }
        }
        return image;
    }

    /** FROM the base image: the jar at {@link #JAR_PATH} and the command that runs it. */
    private void buildRunImage(ChaincodePackage pkg, String image, JavaChaincodeJar jar, BuildDeadline deadline) {
        String command;
        try {
            command = JSON.writeValueAsString(jar.javaArguments(JAR_PATH));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String dockerfile = "FROM " + baseImage + "\nCOPY chaincode.jar " + JAR_PATH + "\nCMD " + command + "\n";
        byte[] context = TarArchives.tar(List.of(
                new TarFile("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)),
                new TarFile("chaincode.jar", jar.content())));
        LOG.info("building chaincode image {} FROM {} with {}", image, baseImage, jar.name());
        BuildImageResultCallback callback = docker.buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(image + ":latest"))
                .withPull(false)
                .withRemove(true)
                .withLabels(Map.of(LABEL, image))
                .exec(new BuildImageResultCallback());
        try {
            if (!callback.awaitCompletion(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
                throw deadline.expired(pkg.packageId(), "the image build was abandoned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeException("interrupted while building the image of " + pkg.packageId(), e);
        }
        callback.awaitImageId();
    }

    /**
     * Whether the image exists with a command. (Weft's images before Maven builds had none: the command came with the
     * container; such an image is built again.)
     */
    private boolean imageReady(String image) {
        try {
            var config = docker.inspectImageCmd(image).exec().getConfig();
            String[] cmd = config == null ? null : config.getCmd();
            if (cmd == null || cmd.length == 0) {
                LOG.info("chaincode image {} has no command (an older Weft built it): building it again", image);
                return false;
            }
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private boolean imageExists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void removeContainer(String nameOrId) {
        try {
            docker.removeContainerCmd(nameOrId).withForce(true).exec();
        } catch (NotFoundException e) {
            // nothing to remove
        }
    }

    /** {@code weft-cc-<label>-<first 12 of the hash>}, lowercased, with what Docker refuses replaced by {@code -}. */
    static String imageName(ChaincodePackage pkg) {
        String label = pkg.metadata().label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return "weft-cc-" + label + "-" + pkg.hash().substring(0, 12);
    }

    @Override
    public void stop(String chaincodeId) {
        String containerId = containers.remove(chaincodeId);
        if (containerId != null) {
            removeContainer(containerId);
            LOG.info("removed the container of chaincode {}", chaincodeId);
        }
    }

    @Override
    public boolean isRunning(String chaincodeId) {
        String containerId = containers.get(chaincodeId);
        if (containerId == null) {
            return false;
        }
        try {
            Boolean running =
                    docker.inspectContainerCmd(containerId).exec().getState().getRunning();
            return Boolean.TRUE.equals(running);
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Removes every container this runtime started. (Containers of another peer on the same engine are left alone; a
     * container a crashed peer left behind is replaced when the package is next launched.)
     */
    @Override
    public void close() {
        new ArrayList<>(containers.keySet()).forEach(this::stop);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
