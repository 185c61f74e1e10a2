package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.TestPackages.jar;
import static io.weft.peer.chaincode.TestPackages.javaPackage;
import static io.weft.peer.chaincode.TestPackages.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChaincodePackageStoreTest {
    private static final byte[] JAR = jar("org.example.Main", "org/example/Main.class");

    @TempDir
    Path dir;

    ChaincodePackageStore store;

    @BeforeEach
    void createStore() {
        store = new ChaincodePackageStore(dir, 1024 * 1024);
    }

    @Test
    void installsUnderFabricsFileNameWithThePackageIdOfItsBytes() throws Exception {
        byte[] bytes = javaPackage("basic_1.0", JAR);

        InstalledChaincode installed = store.install(bytes);

        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(installed.packageId()).isEqualTo("basic_1.0:" + hash);
        assertThat(installed.label()).isEqualTo("basic_1.0");
        Path file = dir.resolve("lifecycle/chaincodes/basic_1.0." + hash + ".tar.gz");
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(store.packageBytes(installed.packageId())).isEqualTo(bytes);
        assertThat(store.metadata(installed.packageId()).type()).isEqualTo("java");
        assertThat(store.list()).containsExactly(installed);
        assertThat(store.find(installed.packageId()).orElseThrow().hash()).isEqualTo(hash);
    }

    @Test
    void installIsIdempotent() throws Exception {
        byte[] bytes = javaPackage("basic", JAR);
        InstalledChaincode first = store.install(bytes);
        long modified = Files.getLastModifiedTime(
                        store.directory().resolve(ChaincodePackageStore.fileName(first.packageId())))
                .toMillis();

        assertThat(store.install(bytes)).isEqualTo(first);
        assertThat(store.list()).hasSize(1);
        assertThat(Files.getLastModifiedTime(
                                store.directory().resolve(ChaincodePackageStore.fileName(first.packageId())))
                        .toMillis())
                .isEqualTo(modified);
        assertThat(store.install(javaPackage("basic", jar("org.example.Other", "x.class")))
                        .packageId())
                .isNotEqualTo(first.packageId());
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void acceptsCcaasAndExternalPackagesWithAConnectionJson() {
        assertThat(store.install(TestPackages.ccaasPackage("svc", "127.0.0.1:9999"))
                        .label())
                .isEqualTo("svc");
        byte[] external = pkg(
                "{\"type\":\"external\",\"label\":\"ext\"}",
                List.of(new TarFile("connection.json", "{\"address\":\"cc:7052\"}".getBytes(StandardCharsets.UTF_8))));
        assertThat(store.install(external).label()).isEqualTo("ext");
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThat(store.find("nope:" + "0".repeat(64))).isEmpty();
        assertThat(store.find("../../etc:passwd")).isEmpty();
        assertThatThrownBy(() -> store.packageBytes("nope:" + "0".repeat(64)))
                .hasMessage("chaincode install package 'nope:" + "0".repeat(64) + "' not found");
    }

    static Stream<Arguments> badPackages() throws IOException {
        String java = "{\"type\":\"java\",\"label\":\"cc\"}";
        List<TarFile> code = List.of(new TarFile("src/chaincode.jar", JAR));
        return Stream.of(
                Arguments.of("not gzip", "hello".getBytes(StandardCharsets.UTF_8), "is not a gzip stream"),
                Arguments.of("truncated gzip", truncate(javaPackage("cc", JAR)), "is not a valid gzip tar"),
                Arguments.of("missing metadata", pkg(null, code), "missing metadata.json"),
                Arguments.of("missing code", pkg(java, null), "missing code.tar.gz"),
                Arguments.of("metadata not json", pkg("{type: java", code), "could not unmarshal metadata.json"),
                Arguments.of("metadata not an object", pkg("[1,2]", code), "must hold a JSON object"),
                Arguments.of("empty label", pkg("{\"type\":\"java\",\"label\":\"\"}", code), "invalid label ''"),
                Arguments.of("label with slash", pkg("{\"type\":\"java\",\"label\":\"a/b\"}", code), "invalid label"),
                Arguments.of("label with colon", pkg("{\"type\":\"java\",\"label\":\"a:b\"}", code), "invalid label"),
                Arguments.of("golang", pkg("{\"type\":\"golang\",\"label\":\"cc\"}", code), "not supported by Weft"),
                Arguments.of("node", pkg("{\"type\":\"node\",\"label\":\"cc\"}", code), "not supported by Weft"),
                Arguments.of(
                        "unknown type", pkg("{\"type\":\"cobol\",\"label\":\"cc\"}", code), "unknown chaincode type"),
                Arguments.of("label not a string", pkg("{\"type\":\"java\",\"label\":7}", code), "must be a string"),
                Arguments.of(
                        "code not gzip",
                        rawCode(java, "plain".getBytes(StandardCharsets.UTF_8)),
                        "code.tar.gz is not a gzip"),
                Arguments.of("traversal", pkg(java, List.of(new TarFile("../evil.jar", JAR))), "leaves the archive"),
                Arguments.of(
                        "deep traversal",
                        pkg(java, List.of(new TarFile("src/../../evil.jar", JAR))),
                        "leaves the archive"),
                Arguments.of("absolute path", pkg(java, List.of(new TarFile("/etc/evil.jar", JAR))), "absolute"),
                Arguments.of("symlink in code", withLink(java), "not a regular file"),
                Arguments.of(
                        "no jar, no pom", pkg(java, List.of(new TarFile("README", new byte[1]))), "neither a Maven"),
                Arguments.of(
                        "gradle project",
                        pkg(java, List.of(new TarFile("src/build.gradle", new byte[1]))),
                        "is a Gradle project (src/build.gradle)"),
                Arguments.of(
                        "two jars", pkg(java, List.of(new TarFile("a.jar", JAR), new TarFile("b.jar", JAR))), "2 jars"),
                Arguments.of(
                        "jar without main",
                        pkg(java, List.of(new TarFile("a.jar", jar("", "x.class")))),
                        "no Main-Class"),
                Arguments.of("not a jar", pkg(java, List.of(new TarFile("a.jar", new byte[] {1, 2, 3}))), "a.jar"),
                Arguments.of(
                        "ccaas without connection",
                        pkg("{\"type\":\"ccaas\",\"label\":\"s\"}", code),
                        "no connection.json"),
                Arguments.of(
                        "ccaas with tls but no root_cert",
                        pkg(
                                "{\"type\":\"ccaas\",\"label\":\"s\"}",
                                List.of(new TarFile(
                                        "connection.json",
                                        "{\"address\":\"a:1\",\"tls_required\":true}"
                                                .getBytes(StandardCharsets.UTF_8)))),
                        "root_cert"),
                Arguments.of("oversized", new byte[2 * 1024 * 1024], "more than the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPackages")
    void rejectsBadPackagesAndWritesNothing(String name, byte[] bytes, String expected) throws IOException {
        assertThatThrownBy(() -> store.install(bytes))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining(expected);
        if (Files.exists(store.directory())) {
            try (Stream<Path> files = Files.list(store.directory())) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void aJarWithoutMainClassRunsTheOfficialShimsContractRouter() {
        byte[] routerJar = jar("", "org/hyperledger/fabric/contract/ContractRouter.class");
        ChaincodePackage pkg = store.parse(javaPackage("router", routerJar));
        JavaChaincodeJar selected = (JavaChaincodeJar) JavaPackageCode.detect(pkg);
        assertThat(selected.javaArguments("/cc.jar"))
                .containsExactly("-cp", "/cc.jar", "org.hyperledger.fabric.contract.ContractRouter");
        assertThat(((JavaChaincodeJar) JavaPackageCode.detect(store.parse(javaPackage("main", JAR))))
                        .javaArguments("/cc.jar"))
                .containsExactly("-jar", "/cc.jar");
    }

    @Test
    void goDurationsOfConnectionJsonAreParsed() {
        assertThat(ConnectionInfo.goDuration("10s")).hasSeconds(10);
        assertThat(ConnectionInfo.goDuration("1m30s")).hasSeconds(90);
        assertThat(ConnectionInfo.goDuration("500ms")).hasMillis(500);
        assertThatThrownBy(() -> ConnectionInfo.goDuration("ten")).hasMessageContaining("dial_timeout");
    }

    @Test
    void dockerImageNamesAreLowercaseAndSafe() {
        ChaincodePackage pkg = store.parse(javaPackage("My+CC_1.0", JAR));
        assertThat(DockerChaincodeRuntime.imageName(pkg))
                .isEqualTo("weft-cc-my-cc_1.0-" + pkg.hash().substring(0, 12));
    }

    private static byte[] truncate(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length / 2);
    }

    private static byte[] rawCode(String metadata, byte[] code) {
        return TarArchives.tarGz(List.of(
                new TarFile("metadata.json", metadata.getBytes(StandardCharsets.UTF_8)),
                new TarFile("code.tar.gz", code)));
    }

    private static byte[] withLink(String metadata) throws IOException {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(code))) {
            TarArchiveEntry link = new TarArchiveEntry("src/chaincode.jar", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return rawCode(metadata, code.toByteArray());
    }
}
