package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.TestPackages.jar;
import static io.weft.peer.chaincode.TestPackages.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime's Maven builds, with a stand-in for {@code mvn} (a shell script). */
class LocalMavenBuilderTest {
    private static final byte[] FAT = jar("org.example.Main", "org/example/Main.class");

    @TempDir
    Path dir;

    private ChaincodePackage mavenPackage() {
        byte[] bytes = pkg(
                "{\"type\":\"java\",\"label\":\"cc\"}",
                List.of(
                        new TarFile("src/pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8)),
                        new TarFile("src/src/main/java/A.java", "class A {}".getBytes(StandardCharsets.UTF_8))));
        return ChaincodePackage.parse(bytes, 1 << 24);
    }

    /** An executable {@code mvn} stand-in running {@code body} with /bin/sh. */
    private Path mvn(String body) throws Exception {
        Path script = dir.resolve("mvn-" + System.nanoTime());
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private ProcessChaincodeRuntime runtime(Path mvn, Duration timeout) {
        return new ProcessChaincodeRuntime(
                dir.resolve("peer"),
                ProcessChaincodeRuntime.currentJava(),
                List.of(),
                Runnable::run,
                new LocalMavenBuilder(mvn.toString(), timeout));
    }

    @Test
    void installBuildsTheProjectWhereItsPomIsOnceAndKeepsTheJar() throws Exception {
        Path fatJar = Files.write(dir.resolve("fat.jar"), FAT);
        Path calls = dir.resolve("calls");
        Path mvn = mvn("echo \"$(pwd) $*\" >> " + calls + "\nmkdir -p target\ncp " + fatJar
                + " target/cc-1.0.jar\necho '[INFO] BUILD SUCCESS'");
        ChaincodePackage pkg = mavenPackage();
        ProcessChaincodeRuntime runtime = runtime(mvn, Duration.ofMinutes(1));

        runtime.build(pkg);
        runtime.build(pkg);

        Path packageDir = dir.resolve("peer/chaincodes/cc." + pkg.hash());
        assertThat(Files.readAllBytes(packageDir.resolve("chaincode.jar"))).isEqualTo(FAT);
        assertThat(packageDir.resolve("build")).doesNotExist();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith(packageDir.resolve("build/src").toString() + " ")
                .endsWith(String.join(" ", MavenProject.MAVEN_ARGUMENTS));
    }

    @Test
    void aFailedBuildNamesThePackageAndShowsTheEndOfItsOutput() throws Exception {
        Path mvn = mvn("echo '[INFO] Compiling 1 source file'\necho '[ERROR] A.java:[1,11] cannot find symbol' >&2\n"
                + "exit 1");
        ChaincodePackage pkg = mavenPackage();

        assertThatThrownBy(() -> runtime(mvn, Duration.ofMinutes(1)).build(pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("the Maven build of chaincode package " + pkg.packageId() + " failed (" + mvn
                        + " package exited with code 1); the end of its output:\n"
                        + "  [INFO] Compiling 1 source file\n"
                        + "  [ERROR] A.java:[1,11] cannot find symbol");
        assertThat(dir.resolve("peer/chaincodes/cc." + pkg.hash() + "/chaincode.jar"))
                .doesNotExist();
    }

    @Test
    void aBuildThatOutlivesTheInstallTimeoutIsKilled() throws Exception {
        Path mvn = mvn("echo '[INFO] Downloading the internet'\nsleep 60\necho never");
        ChaincodePackage pkg = mavenPackage();
        long start = System.nanoTime();

        assertThatThrownBy(() -> runtime(mvn, Duration.ofMillis(500)).build(pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("building chaincode package " + pkg.packageId() + " took longer than"
                        + " chaincode.installTimeout (500 ms): the Maven build was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aBuildWithoutARunnableJarOrWithoutMavenFailsClearly() throws Exception {
        ChaincodePackage pkg = mavenPackage();
        assertThatThrownBy(() ->
                        runtime(mvn("mkdir -p target"), Duration.ofMinutes(1)).build(pkg))
                .hasMessageStartingWith(
                        "the Maven build of chaincode package " + pkg.packageId() + " left no jar in target/");
        assertThatThrownBy(() -> runtime(dir.resolve("no-such-mvn"), Duration.ofMinutes(1))
                        .build(pkg))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining(
                        "carries a Maven project, which the process runtime builds with the local" + " Maven")
                .hasMessageContaining("install Maven (mvn on the PATH), or use the Docker runtime");
    }
}
