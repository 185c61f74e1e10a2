package io.weft.peer.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.msp.PolicyDsl;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.InstalledChaincode;
import io.weft.peer.cli.CliRunner;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peer lifecycle chaincode ...}: packages, proposals, transactions and output as Fabric's. */
class LifecycleCommandTest {
    @TempDir
    static Path networkDir;

    static PeerCliFixture fixture;

    @TempDir
    Path dir;

    FakeNode node;
    Path config;

    @BeforeAll
    static void network() {
        fixture = new PeerCliFixture(networkDir);
    }

    @BeforeEach
    void start() {
        node = new FakeNode(fixture.peer1);
        config = fixture.coreYaml(dir, node.address(), "");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Path project() throws Exception {
        Path project = dir.resolve("chaincode");
        Files.createDirectories(project.resolve("target"));
        Files.createDirectories(project.resolve("libs"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.example.Main");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.putNextEntry(new JarEntry("org/example/Main.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        Files.write(project.resolve("libs/chaincode.jar"), jar.toByteArray());
        Files.writeString(project.resolve("target/ignored.txt"), "build output");
        Files.writeString(project.resolve("Stray.class"), "compiled");
        return project;
    }

    private Path packageFile() throws Exception {
        Path out = dir.resolve("basic.tar.gz");
        CliRunner.Result result = CliRunner.run(
                "peer",
                "lifecycle",
                "chaincode",
                "package",
                out.toString(),
                "--path",
                project().toString(),
                "--lang",
                "java",
                "--label",
                "basic_1.0");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return out;
    }

    @Test
    void packageIsFabricsFormatAcceptedByThePackageStoreWithTheCalculatedId() throws Exception {
        Path pkg = packageFile();
        byte[] bytes = Files.readAllBytes(pkg);

        CliRunner.Result id = CliRunner.run("peer", "lifecycle", "chaincode", "calculatepackageid", pkg.toString());
        InstalledChaincode installed = new ChaincodePackageStore(dir.resolve("store"), 1 << 20).install(bytes);

        assertThat(id.out()).isEqualTo(installed.packageId() + "\n");
        assertThat(installed.packageId()).startsWith("basic_1.0:");
        assertThat(ChaincodeArchive.readTarGz(bytes)).containsOnlyKeys("metadata.json", "code.tar.gz");
        assertThat(new String(
                        ChaincodeArchive.readTarGz(bytes).get("metadata.json"),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"path\":\"" + dir.resolve("chaincode") + "\",\"type\":\"java\",\"label\":\"basic_1.0\"}");
        assertThat(ChaincodeArchive.readTarGz(ChaincodeArchive.readTarGz(bytes).get("code.tar.gz")))
                .containsOnlyKeys("src/libs/chaincode.jar");

        CliRunner.Result json =
                CliRunner.run("peer", "lifecycle", "chaincode", "calculatepackageid", pkg.toString(), "-O", "json");
        assertThat(json.out()).isEqualTo("{\n\t\"package_id\": \"" + installed.packageId() + "\"\n}\n");
    }

    @Test
    void packagingTheSameFolderTwiceGivesTheSameBytes() throws Exception {
        Path first = packageFile();
        byte[] before = Files.readAllBytes(first);
        Path second = dir.resolve("again.tar.gz");
        CliRunner.run(
                "peer",
                "lifecycle",
                "chaincode",
                "package",
                second.toString(),
                "--path",
                dir.resolve("chaincode").toString(),
                "--lang",
                "java",
                "--label",
                "basic_1.0");
        assertThat(Files.readAllBytes(second)).isEqualTo(before);
    }

    @Test
    void packageRefusesOtherLanguagesAndBadLabels() throws Exception {
        Path project = project();
        CliRunner.Result golang = CliRunner.run(
                "peer", "lifecycle", "chaincode", "package", "x.tar.gz", "--path", project.toString(), "--label", "a");
        assertThat(golang.exitCode()).isEqualTo(2);
        assertThat(golang.err()).contains("--lang java").hasLineCount(1);

        CliRunner.Result label = CliRunner.run(
                "peer",
                "lifecycle",
                "chaincode",
                "package",
                "x.tar.gz",
                "--path",
                project.toString(),
                "--lang",
                "java",
                "--label",
                "-bad");
        assertThat(label.exitCode()).isEqualTo(2);
        assertThat(label.err()).contains("invalid label '-bad'");
    }

    @Test
    void installSendsThePackageAndLogsThePackageId() throws Exception {
        Path pkg = packageFile();
        node.chaincode = p -> FakeNode.ok(InstallChaincodeResult.newBuilder()
                .setPackageId("basic_1.0:abc")
                .setLabel("basic_1.0")
                .build()
                .toByteString());

        CliRunner.Result result = PeerCliFixture.peer(config, 3, "lifecycle", "chaincode", "install", pkg.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo("Chaincode code package identifier: basic_1.0:abc\n");
        ChaincodeSpec spec = ChannelCommandTest.spec(node.proposals.get(0));
        assertThat(spec.getChaincodeId().getName()).isEqualTo("_lifecycle");
        assertThat(spec.getInput().getArgs(0).toStringUtf8()).isEqualTo("InstallChaincode");
        assertThat(InstallChaincodeArgs.parseFrom(spec.getInput().getArgs(1)).getChaincodeInstallPackage())
                .isEqualTo(ByteString.copyFrom(Files.readAllBytes(pkg)));
        assertThat(FakeNode.header(node.proposals.get(0)).getChannelId()).isEmpty();
    }

    @Test
    void queryinstalledPrintsTextAndJson() {
        node.chaincode = p -> FakeNode.ok(QueryInstalledChaincodesResult.newBuilder()
                .addInstalledChaincodes(QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                        .setPackageId("basic_1.0:abc")
                        .setLabel("basic_1.0"))
                .build()
                .toByteString());

        CliRunner.Result text = PeerCliFixture.peer(config, 3, "lifecycle", "chaincode", "queryinstalled");
        CliRunner.Result json =
                PeerCliFixture.peer(config, 3, "lifecycle", "chaincode", "queryinstalled", "-O", "json");

        assertThat(text.out())
                .isEqualTo("Installed chaincodes on peer:\nPackage ID: basic_1.0:abc, Label: basic_1.0\n");
        assertThat(json.out())
                .isEqualTo("{\n\t\"installed_chaincodes\": [\n\t\t{\n\t\t\t\"package_id\": \"basic_1.0:abc\",\n"
                        + "\t\t\t\"label\": \"basic_1.0\"\n\t\t}\n\t]\n}\n");
    }

    @Test
    void approveformyorgEndorsesSubmitsAndWaitsForTheCommit() throws Exception {
        CliRunner.Result result = PeerCliFixture.peer(
                config,
                3,
                "lifecycle",
                "chaincode",
                "approveformyorg",
                "-o",
                node.address(),
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-v",
                "1.0",
                "--sequence",
                "1",
                "--package-id",
                "basic_1.0:abc",
                "--signature-policy",
                "OR('Org1MSP.member','Org2MSP.member')",
                "--init-required");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .isEqualTo("txid [" + node.lastTxId() + "] committed with status (VALID) at " + node.address() + "\n");
        ChaincodeSpec spec = ChannelCommandTest.spec(node.proposals.get(0));
        assertThat(spec.getInput().getArgs(0).toStringUtf8()).isEqualTo("ApproveChaincodeDefinitionForMyOrg");
        ApproveChaincodeDefinitionForMyOrgArgs args =
                ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(spec.getInput().getArgs(1));
        assertThat(args.getName()).isEqualTo("basic");
        assertThat(args.getVersion()).isEqualTo("1.0");
        assertThat(args.getSequence()).isEqualTo(1);
        assertThat(args.getInitRequired()).isTrue();
        assertThat(args.getSource().getLocalPackage().getPackageId()).isEqualTo("basic_1.0:abc");
        assertThat(ApplicationPolicy.parseFrom(args.getValidationParameter()).getSignaturePolicy())
                .isEqualTo(PolicyDsl.parse("OR('Org1MSP.member','Org2MSP.member')"));
        assertThat(FakeNode.header(node.proposals.get(0)).getChannelId()).isEqualTo("mychannel");
        assertThat(node.broadcasts).hasSize(1);
    }

    @Test
    void commitCollectsOneEndorsementPerOrg() throws Exception {
        try (FakeNode org2 = new FakeNode(fixture.peer2)) {
            CliRunner.Result result = PeerCliFixture.peer(
                    config,
                    3,
                    "lifecycle",
                    "chaincode",
                    "commit",
                    "-o",
                    node.address(),
                    "-C",
                    "mychannel",
                    "-n",
                    "basic",
                    "-v",
                    "1.0",
                    "--sequence",
                    "1",
                    "--peerAddresses",
                    node.address(),
                    "--peerAddresses",
                    org2.address(),
                    "--waitForEvent=false");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(CommitChaincodeDefinitionArgs.parseFrom(ChannelCommandTest.spec(node.proposals.get(0))
                                    .getInput()
                                    .getArgs(1))
                            .getName())
                    .isEqualTo("basic");
            Envelope envelope = node.broadcasts.get(0);
            Transaction tx = Transaction.parseFrom(
                    Payload.parseFrom(envelope.getPayload()).getData());
            ChaincodeActionPayload action =
                    ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            assertThat(action.getAction().getEndorsementsList())
                    .extracting(e -> e.getEndorser())
                    .containsExactly(fixture.peer1.serialized(), fixture.peer2.serialized());
        }
    }

    @Test
    void definitionCommandsNeedTheirFlags() {
        CliRunner.Result result = PeerCliFixture.peer(
                config,
                3,
                "lifecycle",
                "chaincode",
                "approveformyorg",
                "-o",
                node.address(),
                "-C",
                "mychannel",
                "-n",
                "basic",
                "--sequence",
                "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("peer lifecycle chaincode approveformyorg: The required parameter 'version' is empty."
                        + " Rerun the command with -v flag (see 'peer lifecycle chaincode approveformyorg --help')\n");
    }

    @Test
    void checkcommitreadinessPrintsApprovalsByOrg() {
        node.chaincode = p -> FakeNode.ok(CheckCommitReadinessResult.newBuilder()
                .putApprovals("Org2MSP", false)
                .putApprovals("Org1MSP", true)
                .build()
                .toByteString());

        CliRunner.Result result = PeerCliFixture.peer(
                config,
                3,
                "lifecycle",
                "chaincode",
                "checkcommitreadiness",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-v",
                "1.0",
                "--sequence",
                "1");
        CliRunner.Result json = PeerCliFixture.peer(
                config,
                3,
                "lifecycle",
                "chaincode",
                "checkcommitreadiness",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-v",
                "1.0",
                "--sequence",
                "1",
                "--output",
                "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("Chaincode definition for chaincode 'basic', version '1.0', sequence '1' on channel"
                        + " 'mychannel' approval status by org:\nOrg1MSP: true\nOrg2MSP: false\n");
        assertThat(json.out())
                .isEqualTo("{\n\t\"approvals\": {\n\t\t\"Org1MSP\": true,\n\t\t\"Org2MSP\": false\n\t}\n}\n");
    }

    @Test
    void querycommittedPrintsFabricsText() {
        node.chaincode = p -> {
            String function = FakeNode.header(p).getChannelId().isEmpty() ? "" : "x";
            return FakeNode.ok(QueryChaincodeDefinitionsResult.newBuilder()
                    .addChaincodeDefinitions(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                            .setName("basic" + function.substring(1))
                            .setSequence(1)
                            .setVersion("1.0")
                            .setEndorsementPlugin("escc")
                            .setValidationPlugin("vscc"))
                    .build()
                    .toByteString());
        };
        CliRunner.Result all =
                PeerCliFixture.peer(config, 3, "lifecycle", "chaincode", "querycommitted", "-C", "mychannel");
        assertThat(all.out())
                .isEqualTo(
                        "Committed chaincode definitions on channel 'mychannel':\n"
                                + "Name: basic, Version: 1.0, Sequence: 1, Endorsement Plugin: escc, Validation Plugin: vscc\n");

        node.chaincode = p -> FakeNode.ok(QueryChaincodeDefinitionResult.newBuilder()
                .setSequence(1)
                .setVersion("1.0")
                .setEndorsementPlugin("escc")
                .setValidationPlugin("vscc")
                .putApprovals("Org2MSP", true)
                .putApprovals("Org1MSP", true)
                .build()
                .toByteString());
        CliRunner.Result one = PeerCliFixture.peer(
                config, 3, "lifecycle", "chaincode", "querycommitted", "-C", "mychannel", "-n", "basic");
        assertThat(one.out())
                .isEqualTo("Committed chaincode definition for chaincode 'basic' on channel 'mychannel':\n"
                        + "Version: 1.0, Sequence: 1, Endorsement Plugin: escc, Validation Plugin: vscc, Approvals:"
                        + " [Org1MSP: true, Org2MSP: true]\n");
    }
}
