package io.weft.peer.chaincode;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Maven project of a Java package in a throwaway container of the local builder image ({@code
 * weft/javaenv-builder}: a JDK and Maven, made by {@code docker/build-images.sh javaenv-builder}; never pulled). The
 * container runs on the host network; code.tar.gz is copied into {@code /chaincode/input}; {@code mvn package} runs
 * where pom.xml is, with a local repository that is writable and thrown away with the container ({@code
 * /chaincode/repository}). Each configured host Maven repository is mounted read-only at {@code /weft/m2/<n>} and
 * listed, in order, as a {@code file://} repository ahead of Maven Central in the build's settings.xml: what they hold
 * is copied from them, what they lack is downloaded (so the build works offline when they hold everything, and online
 * when they do not). The output goes to the peer log; the jar is taken out of {@code target/} ({@link
 * MavenProject#builtJar}) and the container is removed, also when the build fails or runs out of time.
 */
public final class DockerMavenBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(DockerMavenBuilder.class);
    static final String BUILD_LABEL = "io.weft.chaincode.build";
    static final String INPUT = "/chaincode/input";
    static final String SETTINGS = "/chaincode/weft-settings.xml";
    static final String LOCAL_REPOSITORY = "/chaincode/repository";
    static final String MOUNTS = "/weft/m2/";
    private static final long MAX_JAR_BYTES = 4 * ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES;
    private static final int MAX_WAIT_FAILURES = 3;

    private final DockerClient docker;
    private final String builderImage;
    private final List<Path> mavenRepositories;

    /**
     * @param docker the engine's client
     * @param builderImage the local builder image, {@code weft/javaenv-builder:latest}
     * @param mavenRepositories host Maven repositories (e.g. {@code ~/.m2/repository}) the build may copy artifacts
     *     from, searched in order; they are mounted read-only
     */
    public DockerMavenBuilder(DockerClient docker, String builderImage, List<Path> mavenRepositories) {
        this.docker = docker;
        this.builderImage = builderImage;
        this.mavenRepositories = List.copyOf(mavenRepositories);
    }

    /** Builds the project and returns the jar to run, or throws a {@link ChaincodeException} saying why not. */
    JavaChaincodeJar build(ChaincodePackage pkg, MavenProject project, BuildDeadline deadline) {
        requireImage();
        List<Path> repositories = mountableRepositories();
        String workDir = project.folder().isEmpty() ? INPUT : INPUT + "/" + project.folder();
        List<String> command = new ArrayList<>(List.of("mvn", "-s", SETTINGS));
        command.addAll(MavenProject.MAVEN_ARGUMENTS);
        List<Bind> binds = new ArrayList<>();
        for (int i = 0; i < repositories.size(); i++) {
            binds.add(new Bind(repositories.get(i).toString(), new Volume(MOUNTS + i), AccessMode.ro));
        }
        String name = containerName(pkg);
        String containerId = docker.createContainerCmd(builderImage)
                .withName(name)
                .withWorkingDir(workDir)
                .withCmd(command)
                .withLabels(Map.of(BUILD_LABEL, pkg.packageId()))
                .withHostConfig(
                        HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds))
                .exec()
                .getId();
        try {
            LOG.info(
                    "building chaincode package {} ({}) in container {} of {} with Maven repositories {}",
                    pkg.packageId(),
                    project.pomPath(),
                    name,
                    builderImage,
                    repositories);
            copySource(containerId, pkg, repositories.size());
            return run(containerId, pkg, workDir, deadline);
        } finally {
            removeQuietly(containerId);
        }
    }

    private JavaChaincodeJar run(String containerId, ChaincodePackage pkg, String workDir, BuildDeadline deadline) {
        MavenBuildOutput output = new MavenBuildOutput(pkg.packageId());
        docker.startContainerCmd(containerId).exec();
        ResultCallback.Adapter<Frame> logs = docker.logContainerCmd(containerId)
                .withFollowStream(true)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                });
        OptionalLong exit;
        try {
            exit = awaitExit(containerId, deadline);
            if (exit.isPresent()) {
                var unused = logs.awaitCompletion(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeException("interrupted while building chaincode package " + pkg.packageId(), e);
        } finally {
            closeQuietly(logs);
            output.finish();
        }
        if (exit.isEmpty()) {
            throw deadline.expired(pkg.packageId(), "the Maven build was stopped and its container removed");
        }
        if (exit.getAsLong() != 0) {
            throw new ChaincodeException("the Maven build of chaincode package " + pkg.packageId() + " failed (mvn"
                    + " package in " + builderImage + " exited with code " + exit.getAsLong() + "); the end of its"
                    + " output:\n" + output.tail());
        }
        List<TarFile> jars = targetJars(containerId, workDir + "/target");
        JavaChaincodeJar jar = MavenProject.builtJar(jars, "chaincode package " + pkg.packageId());
        LOG.info(
                "built chaincode package {}: {} ({} bytes)",
                pkg.packageId(),
                jar.name(),
                jar.file().size());
        return jar;
    }

    /**
     * The container's exit code, or empty when the deadline passed first. A wait request that ends without a status
     * (the client's response timeout on a long build) is asked again while the container still runs.
     */
    private OptionalLong awaitExit(String containerId, BuildDeadline deadline) throws InterruptedException {
        int failures = 0;
        while (true) {
            long remaining = deadline.remaining().toMillis();
            if (remaining <= 0) {
                return OptionalLong.empty();
            }
            WaitContainerResultCallback wait =
                    docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback());
            try {
                if (!wait.awaitCompletion(remaining, TimeUnit.MILLISECONDS)) {
                    return OptionalLong.empty();
                }
                return OptionalLong.of(wait.awaitStatusCode());
            } catch (RuntimeException e) {
                InspectContainerResponse.ContainerState state =
                        docker.inspectContainerCmd(containerId).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning()) && state.getExitCodeLong() != null) {
                    return OptionalLong.of(state.getExitCodeLong());
                }
                if (++failures >= MAX_WAIT_FAILURES) {
                    throw new ChaincodeException("could not wait for the Maven build container: " + e.getMessage(), e);
                }
                LOG.debug("waiting for build container {} again: {}", containerId, e.toString());
            } finally {
                closeQuietly(wait);
            }
        }
    }

    /** code.tar.gz under /chaincode/input, and the settings.xml naming the mounted repositories. */
    private void copySource(String containerId, ChaincodePackage pkg, int repositories) {
        List<TarFile> files = new ArrayList<>();
        for (TarFile file : pkg.codeFiles()) {
            files.add(new TarFile("input/" + file.name(), file.content()));
        }
        files.add(new TarFile("weft-settings.xml", settingsXml(repositories).getBytes(StandardCharsets.UTF_8)));
        docker.copyArchiveToContainerCmd(containerId)
                .withRemotePath("/chaincode")
                .withTarInputStream(new ByteArrayInputStream(TarArchives.tar(files)))
                .exec();
    }

    /** The jars directly in {@code target} (named relative to it), read out of the stopped container. */
    private List<TarFile> targetJars(String containerId, String target) {
        List<TarFile> jars = new ArrayList<>();
        try (InputStream archive =
                        docker.copyArchiveFromContainerCmd(containerId, target).exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String[] parts = entry.getName().split("/", -1);
                if (!entry.isFile()
                        || parts.length != 2
                        || !parts[1].toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    continue;
                }
                if (entry.getSize() > MAX_JAR_BYTES) {
                    throw new ChaincodeException("the Maven build made " + entry.getName() + " of " + entry.getSize()
                            + " bytes, more than the limit of " + MAX_JAR_BYTES);
                }
                jars.add(new TarFile(parts[1], tar.readNBytes((int) entry.getSize())));
            }
        } catch (NotFoundException e) {
            return jars;
        } catch (IOException e) {
            throw new ChaincodeException("could not read the Maven build's " + target + ": " + e.getMessage(), e);
        }
        return jars;
    }

    /**
     * The build's settings.xml: the {@code n} mounted repositories as {@code file://} repositories (releases and
     * snapshots, checksums ignored: they are local copies) for dependencies and plugins, ahead of Maven Central.
     */
    static String settingsXml(int repositories) {
        StringBuilder repos = new StringBuilder();
        StringBuilder pluginRepos = new StringBuilder();
        for (int i = 0; i < repositories; i++) {
            String body = "<id>weft-host-" + i + "</id><url>file://" + MOUNTS + i + "</url>"
                    + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                    + "<snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>";
            repos.append("\n        <repository>").append(body).append("</repository>");
            pluginRepos.append("\n        <pluginRepository>").append(body).append("</pluginRepository>");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by the Weft peer for a chaincode build -->
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>%s</localRepository>
                  <profiles>
                    <profile>
                      <id>weft-host-repositories</id>
                      <repositories>%s
                      </repositories>
                      <pluginRepositories>%s
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>weft-host-repositories</activeProfile>
                  </activeProfiles>
                </settings>
                """
                .formatted(LOCAL_REPOSITORY, repos, pluginRepos);
    }

    private List<Path> mountableRepositories() {
        List<Path> usable = new ArrayList<>();
        for (Path repository : mavenRepositories) {
            if (Files.isDirectory(repository)) {
                usable.add(repository.toAbsolutePath().normalize());
            } else {
                LOG.warn("Maven repository {} is not a folder: not mounted into the chaincode build", repository);
            }
        }
        return usable;
    }

    private void requireImage() {
        try {
            docker.inspectImageCmd(builderImage).exec();
        } catch (NotFoundException e) {
            throw new ChaincodeException("Docker image " + builderImage + " not found: chaincode packages that carry"
                    + " a Maven project are built in it; build it with docker/build-images.sh javaenv-builder (Weft"
                    + " never pulls images)");
        }
    }

    /** {@code weft-build-<label>-<hash12>-<random>}: readable, and unique when peers share the engine. */
    private static String containerName(ChaincodePackage pkg) {
        return DockerChaincodeRuntime.imageName(pkg).replaceFirst("^weft-cc-", "weft-build-") + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    }

    private void removeQuietly(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the chaincode build container {}: {}", containerId, e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing a Docker stream failed: {}", e.toString());
        }
    }
}
