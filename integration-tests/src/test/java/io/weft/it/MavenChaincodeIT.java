package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.peer.chaincode.ChaincodeException;
import io.weft.peer.chaincode.DockerChaincodeRuntime;
import io.weft.peer.chaincode.DockerMavenBuilder;
import io.weft.peer.cli.CliRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java package that carries a Maven project is built at install: {@code mvn package} runs in a throwaway container of
 * the local weft/javaenv-builder image (built here by docker/build-images.sh when missing; nothing is pulled), the fat
 * jar goes into the chaincode's image FROM weft/javaenv, and the first transaction only starts the container.
 *
 * <p>The project is the sample asset-transfer chaincode's sources with the pom of a chaincode author's project
 * (src/test/resources/maven-chaincode/pom.xml: Weft's shim as a dependency), packaged by Weft's {@code peer lifecycle
 * chaincode package}. Weft's shim is not on Maven Central, so the test seeds a Maven repository with this build's shim
 * (and the weft-parent pom it inherits from), as {@code mvn install} would, and mounts it read-only ahead of the user's
 * {@code ~/.m2/repository}, which holds the plugins and the shim's dependencies when the project has been built here
 * (what is missing is downloaded from Maven Central). With CI=true a missing Docker engine fails the test instead of
 * skipping it.
 */
class MavenChaincodeIT {
    private static final String BASE_IMAGE = "weft/javaenv:latest";
    private static final String BUILDER_IMAGE = "weft/javaenv-builder:latest";
    private static final Path HOME = Paths.get(System.getProperty("weft.home", ".."));
    private static final String VERSION = System.getProperty("weft.version", "0.1.0-SNAPSHOT");
    private static DockerClient docker;

    @TempDir
    Path dir;

    private final List<ChaincodePeerHarness> peers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @BeforeAll
    static void requireDocker() throws Exception {
        docker = DockerForTests.requireEngine();
        DockerForTests.buildImageIfMissing(docker, BASE_IMAGE, "javaenv");
        DockerForTests.buildImageIfMissing(docker, BUILDER_IMAGE, "javaenv-builder");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ChaincodePeerHarness peer : peers) {
            peer.close();
        }
        for (String image : images) {
            removeImage(image);
        }
    }

    private ChaincodePeerHarness peer(Duration installTimeout) throws IOException {
        List<Path> repositories = new ArrayList<>(List.of(seedRepository()));
        Path userRepository = Paths.get(System.getProperty("user.home"), ".m2", "repository");
        if (Files.isDirectory(userRepository)) {
            repositories.add(userRepository);
        }
        ChaincodePeerHarness peer = new ChaincodePeerHarness(
                dir.resolve("peer" + peers.size()),
                fs -> new DockerChaincodeRuntime(
                        docker,
                        BASE_IMAGE,
                        new DockerMavenBuilder(docker, BUILDER_IMAGE, repositories),
                        installTimeout),
                Duration.ofMinutes(2));
        peers.add(peer);
        return peer;
    }

    @Test
    void aMavenProjectIsBuiltAtInstallAndItsFirstTransactionOnlyStartsTheContainer() throws Exception {
        byte[] pkg = packageProject("asset-maven_1.0", Map.of());
        String image = imageOf("asset-maven_1.0", pkg);
        removeImage(image); // an image left by an earlier run would be reused and nothing built
        images.add(image);
        ChaincodePeerHarness peer = peer(Duration.ofMinutes(10));

        String id = peer.install("asset", pkg);

        InspectImageResponse built = docker.inspectImageCmd(image).exec();
        assertThat(built.getConfig().getCmd()).containsExactly("-jar", "/chaincode/chaincode.jar");
        assertThat(buildContainers(id)).as("the builder container is removed").isEmpty();
        assertThat(peer.packages.isInstalled(id)).isTrue();
        Instant beforeFirstTransaction = Instant.now();

        ChaincodePeerHarness.Result created =
                peer.invoke("asset", true, "CreateAsset", "asset1", "blue", "5", "Tom", "300");
        assertThat(created.status()).as(created.payload()).isEqualTo(200);
        assertThat(peer.invoke("asset", false, "ReadAsset", "asset1").payload())
                .contains("\"ID\":\"asset1\"")
                .contains("\"Owner\":\"Tom\"");
        InspectImageResponse launched = docker.inspectImageCmd(image).exec();
        assertThat(launched.getId()).as("the launch did not build again").isEqualTo(built.getId());
        assertThat(Instant.parse(launched.getCreated())).isBefore(beforeFirstTransaction);
        assertThat(docker.inspectContainerCmd(image).exec().getState().getRunning())
                .isTrue();
    }

    @Test
    void aProjectThatDoesNotCompileIsNotInstalledAndTheErrorShowsMavensOutput() throws Exception {
        byte[] pkg = packageProject(
                "asset-broken_1.0",
                Map.of("src/main/java/io/weft/samples/assettransfer/Broken.java", "class Broken { int x = nope; }"));
        ChaincodePeerHarness peer = peer(Duration.ofMinutes(10));
        String id = peer.packages.parse(pkg).packageId();

        assertThatThrownBy(() -> peer.install("asset", pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageStartingWith("the Maven build of chaincode package " + id + " failed (mvn package in "
                        + BUILDER_IMAGE + " exited with code 1); the end of its output:")
                .hasMessageContaining("Broken.java:[1,24] cannot find symbol");
        assertThat(peer.packages.isInstalled(id)).isFalse();
        assertThat(buildContainers(id)).isEmpty();
        assertThatThrownBy(() ->
                        docker.inspectImageCmd(imageOf("asset-broken_1.0", pkg)).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBuildThatOutlivesTheInstallTimeoutIsStoppedAndItsContainerRemoved() throws Exception {
        byte[] pkg = packageProject("asset-slow_1.0", Map.of());
        ChaincodePeerHarness peer = peer(Duration.ofSeconds(2));
        String id = peer.packages.parse(pkg).packageId();

        assertThatThrownBy(() -> peer.install("asset", pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("building chaincode package " + id + " took longer than chaincode.installTimeout (2000"
                        + " ms): the Maven build was stopped and its container removed");
        assertThat(peer.packages.isInstalled(id)).isFalse();
        assertThat(buildContainers(id)).isEmpty();
    }

    @Test
    void withoutTheBuilderImageTheInstallFailsSayingHowToBuildIt() throws Exception {
        byte[] pkg = packageProject("asset-nobuilder_1.0", Map.of());
        ChaincodePeerHarness peer = new ChaincodePeerHarness(
                dir.resolve("peer-without-builder"),
                fs -> new DockerChaincodeRuntime(
                        docker,
                        BASE_IMAGE,
                        new DockerMavenBuilder(docker, "weft/no-such-builder:latest", List.of()),
                        Duration.ofMinutes(1)),
                Duration.ofMinutes(1));
        peers.add(peer);

        assertThatThrownBy(() -> peer.install("asset", pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("Docker image weft/no-such-builder:latest not found: chaincode packages that carry a Maven"
                        + " project are built in it; build it with docker/build-images.sh javaenv-builder (Weft never"
                        + " pulls images)");
        assertThat(peer.packages.list()).isEmpty();
    }

    /** The sample's sources with the chaincode-author pom (plus {@code extra} files), through peer lifecycle package. */
    private byte[] packageProject(String label, Map<String, String> extra) throws IOException {
        Path project = dir.resolve("project-" + label);
        Path sources = HOME.resolve("samples/asset-transfer/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = project.resolve("src/main/java")
                        .resolve(sources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        try (InputStream pom = MavenChaincodeIT.class.getResourceAsStream("/maven-chaincode/pom.xml")) {
            String text = new String(pom.readAllBytes(), StandardCharsets.UTF_8).replace("@weft.version@", VERSION);
            Files.writeString(project.resolve("pom.xml"), text);
        }
        for (Map.Entry<String, String> file : extra.entrySet()) {
            Files.writeString(project.resolve(file.getKey()), file.getValue());
        }
        Path out = dir.resolve(label + ".tar.gz");
        CliRunner.Result packaged = CliRunner.run(
                "peer",
                "lifecycle",
                "chaincode",
                "package",
                out.toString(),
                "--path",
                project.toString(),
                "--lang",
                "java",
                "--label",
                label);
        assertThat(packaged.exitCode()).as(packaged.err()).isZero();
        return Files.readAllBytes(out);
    }

    /**
     * A Maven repository holding this build's shim and the weft-parent pom it inherits, laid out as {@code mvn install}
     * lays them out (the tests do not install into the shared ~/.m2).
     */
    private Path seedRepository() throws IOException {
        Path repository = dir.resolve("seed-repository");
        if (Files.isDirectory(repository)) {
            return repository;
        }
        Path shimJar = HOME.resolve("chaincode-shim/target/weft-chaincode-shim-" + VERSION + ".jar");
        if (!Files.isRegularFile(shimJar)) {
            throw new IllegalStateException(shimJar + " is missing: run the package phase of chaincode-shim first");
        }
        Path parent = Files.createDirectories(repository.resolve("io/weft/weft-parent/" + VERSION));
        Files.copy(HOME.resolve("pom.xml"), parent.resolve("weft-parent-" + VERSION + ".pom"));
        Path shim = Files.createDirectories(repository.resolve("io/weft/weft-chaincode-shim/" + VERSION));
        Files.copy(HOME.resolve("chaincode-shim/pom.xml"), shim.resolve("weft-chaincode-shim-" + VERSION + ".pom"));
        Files.copy(shimJar, shim.resolve("weft-chaincode-shim-" + VERSION + ".jar"));
        return repository;
    }

    private static String imageOf(String label, byte[] pkg) {
        String id = io.weft.peer.chaincode.ChaincodePackage.packageId(label, pkg);
        return "weft-cc-" + label.toLowerCase(java.util.Locale.ROOT) + "-"
                + id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);
    }

    private static List<?> buildContainers(String packageId) {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("io.weft.chaincode.build", packageId))
                .exec();
    }

    private static void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // not there
        }
    }
}
