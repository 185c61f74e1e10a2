package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.TestPackages.jar;
import static io.weft.peer.chaincode.TestPackages.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What a Java package carries (Fabric's javaenv rules) and which jar a Maven build's target/ runs. */
class JavaPackageCodeTest {
    private static final byte[] FAT = jar("org.example.Main", "org/example/Main.class");
    private static final byte[] THIN = jar("", "org/example/Contract.class");
    private static final byte[] POM = "<project/>".getBytes(StandardCharsets.UTF_8);

    private static JavaPackageCode detect(TarFile... code) {
        return JavaPackageCode.detect(
                ChaincodePackage.parse(pkg("{\"type\":\"java\",\"label\":\"cc\"}", List.of(code)), 1 << 24));
    }

    @Test
    void aPomUnderSrcIsAMavenProjectAsWeftsAndFabricsPackageCommandLayItOut() {
        assertThat(detect(new TarFile("src/pom.xml", POM), new TarFile("src/src/main/java/A.java", new byte[1])))
                .isEqualTo(new MavenProject("src"));
        assertThat(((MavenProject) detect(new TarFile("src/pom.xml", POM))).pomPath())
                .isEqualTo("src/pom.xml");
    }

    @Test
    void aPomAtTheRootIsAMavenProjectAndWinsOverJarsAsInFabric() {
        assertThat(detect(new TarFile("pom.xml", POM), new TarFile("lib/chaincode.jar", FAT)))
                .isEqualTo(new MavenProject(""));
        assertThat(detect(new TarFile("pom.xml", POM), new TarFile("src/pom.xml", POM)))
                .isEqualTo(new MavenProject(""));
    }

    @Test
    void aPackageWithAJarAndNoPomIsPrebuilt() {
        JavaPackageCode code = detect(new TarFile("src/chaincode.jar", FAT), new TarFile("src/sub/pom.xml", POM));
        assertThat(code).isInstanceOf(JavaChaincodeJar.class);
        assertThat(((JavaChaincodeJar) code).name()).isEqualTo("src/chaincode.jar");
    }

    @Test
    void refusesGradleProjectsAndPackagesWithNeitherPomNorJar() {
        assertThatThrownBy(() -> detect(new TarFile("build.gradle.kts", new byte[1]), new TarFile("pom.xml", POM)))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("is a Gradle project (build.gradle.kts), which Weft does not build");
        assertThatThrownBy(() -> detect(new TarFile("src/deeper/pom.xml", POM)))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageStartingWith("Java chaincode package cc:")
                .hasMessageContaining("holds neither a Maven project (pom.xml at the root of code.tar.gz or under"
                        + " src/) nor a jar");
    }

    @Test
    void aBuildRunsTargetChaincodeJarFirstElseItsOnlyRunnableJar() {
        JavaChaincodeJar named = MavenProject.builtJar(
                List.of(
                        new TarFile("cc-1.0.jar", FAT),
                        new TarFile("chaincode.jar", jar("org.example.Chaincode", "org/example/Chaincode.class"))),
                "cc");
        assertThat(named.name()).isEqualTo("target/chaincode.jar");
        assertThat(named.mainClass()).isEqualTo("org.example.Chaincode");
        JavaChaincodeJar shaded = MavenProject.builtJar(
                List.of(
                        new TarFile("original-cc-1.0.jar", FAT),
                        new TarFile("cc-1.0.jar", FAT),
                        new TarFile("cc-1.0-sources.jar", FAT),
                        new TarFile("cc-1.0-thin.jar", THIN)),
                "cc");
        assertThat(shaded.name()).isEqualTo("target/cc-1.0.jar");
        assertThat(shaded.javaArguments("/x.jar")).containsExactly("-jar", "/x.jar");
    }

    @Test
    void aBuildWithNoneOrSeveralRunnableJarsFailsNamingThem() {
        assertThatThrownBy(() -> MavenProject.builtJar(List.of(), "chaincode package cc:1"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageStartingWith(
                        "the Maven build of chaincode package cc:1 left no jar in target/ and none" + " can run");
        assertThatThrownBy(() -> MavenProject.builtJar(List.of(new TarFile("cc.jar", THIN)), "cc"))
                .hasMessageContaining("left cc.jar in target/ and none can run")
                .hasMessageContaining("target/chaincode.jar");
        assertThatThrownBy(() -> MavenProject.builtJar(
                        List.of(new TarFile("a.jar", FAT), new TarFile("b-jar-with-dependencies.jar", FAT)), "cc"))
                .hasMessageContaining("left a.jar, b-jar-with-dependencies.jar in target/ and 2 of them can run");
    }

    @Test
    void buildOutputIsSplitIntoLinesAndKeepsItsTail() {
        MavenBuildOutput output = new MavenBuildOutput("cc:1");
        assertThat(output.tail()).isEqualTo("  (no output)");
        output.append("[INFO] Scanning");
        output.append(" for projects...\r\n[ERR");
        output.append("OR] cannot find symbol\n\n");
        output.append("last words");
        output.finish();
        assertThat(output.tail())
                .isEqualTo("  [INFO] Scanning for projects...\n  [ERROR] cannot find symbol\n  last words");
        for (int i = 0; i < 100; i++) {
            output.append("line " + i + "\n");
        }
        assertThat(output.tail().lines()).hasSize(MavenBuildOutput.TAIL_LINES).endsWith("  line 99");
    }

    @Test
    void theBuildersSettingsListTheMountedRepositoriesInOrderAndAWritableLocalRepository() throws Exception {
        String xml = DockerMavenBuilder.settingsXml(2);
        Document settings = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(settings.getElementsByTagName("localRepository").item(0).getTextContent())
                .isEqualTo("/chaincode/repository");
        assertThat(settings.getElementsByTagName("repository").getLength()).isEqualTo(2);
        assertThat(settings.getElementsByTagName("pluginRepository").getLength())
                .isEqualTo(2);
        assertThat(xml.indexOf("file:///weft/m2/0")).isPositive().isLessThan(xml.indexOf("file:///weft/m2/1"));
        assertThat(settings.getElementsByTagName("activeProfile").item(0).getTextContent())
                .isEqualTo("weft-host-repositories");
        assertThat(DockerMavenBuilder.settingsXml(0)).doesNotContain("<repository>");
    }
}
