package io.weft.peer.scc;

import static io.weft.peer.scc.SccFixture.CHANNEL;
import static io.weft.peer.scc.SccFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.ledger.TxSimulator;
import io.weft.peer.chaincode.ChaincodeException;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer-local functions of {@code _lifecycle} and its argument and ACL handling. */
class LifecycleChaincodeTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private SccFixture peer;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void open() {
        peer = new SccFixture(network, dir, 1);
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private Response local(io.weft.msp.SigningIdentity who, String function, com.google.protobuf.MessageLite input) {
        return peer.lifecycle.invoke(peer.local(who, LifecycleChaincode.NAME, args(function, input)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void localAdminInstallsAPackageOnce() throws Exception {
        byte[] pkg = SccFixture.chaincodePackage("basic_1.0");
        Response installed = local(
                network.admin(1),
                "InstallChaincode",
                InstallChaincodeArgs.newBuilder()
                        .setChaincodeInstallPackage(ByteString.copyFrom(pkg))
                        .build());
        assertThat(installed.getStatus()).as(installed.getMessage()).isEqualTo(200);
        InstallChaincodeResult result = InstallChaincodeResult.parseFrom(installed.getPayload());
        String packageId = "basic_1.0:" + sha256(pkg);
        assertThat(result.getPackageId()).isEqualTo(packageId);
        assertThat(result.getLabel()).isEqualTo("basic_1.0");

        Response again = local(
                network.admin(1),
                "InstallChaincode",
                InstallChaincodeArgs.newBuilder()
                        .setChaincodeInstallPackage(ByteString.copyFrom(pkg))
                        .build());
        assertThat(again.getMessage())
                .isEqualTo("failed to invoke backing implementation of 'InstallChaincode': chaincode already "
                        + "successfully installed (package ID '" + packageId + "')");

        Response garbage = local(
                network.admin(1),
                "InstallChaincode",
                InstallChaincodeArgs.newBuilder()
                        .setChaincodeInstallPackage(ByteString.copyFromUtf8("x"))
                        .build());
        assertThat(garbage.getMessage())
                .startsWith("failed to invoke backing implementation of 'InstallChaincode': could not parse as a "
                        + "chaincode install package: ");
    }

    @Test
    void installBuildsThePackageBeforeStoringItAndAPackageThatDoesNotBuildIsNotInstalled() throws Exception {
        byte[] pkg = SccFixture.chaincodePackage("basic_1.0");
        String packageId = "basic_1.0:" + sha256(pkg);
        InstallChaincodeArgs install = InstallChaincodeArgs.newBuilder()
                .setChaincodeInstallPackage(ByteString.copyFrom(pkg))
                .build();
        List<String> built = new ArrayList<>();
        LifecycleChaincode failing = peer.lifecycleBuildingWith(p -> {
            built.add(p.packageId());
            throw new ChaincodeException("the Maven build of chaincode package " + p.packageId() + " failed");
        });

        Response refused = failing.invoke(
                peer.local(network.admin(1), LifecycleChaincode.NAME, args("InstallChaincode", install)));

        assertThat(refused.getStatus()).isEqualTo(500);
        assertThat(refused.getMessage())
                .isEqualTo("failed to invoke backing implementation of 'InstallChaincode': could not build chaincode:"
                        + " the Maven build of chaincode package " + packageId + " failed");
        assertThat(built).containsExactly(packageId);
        assertThat(peer.packages.list()).isEmpty();

        List<Boolean> installedWhileBuilding = new ArrayList<>();
        LifecycleChaincode building =
                peer.lifecycleBuildingWith(p -> installedWhileBuilding.add(peer.packages.isInstalled(p.packageId())));
        Response installed = building.invoke(
                peer.local(network.admin(1), LifecycleChaincode.NAME, args("InstallChaincode", install)));
        assertThat(installed.getStatus()).as(installed.getMessage()).isEqualTo(200);
        assertThat(installedWhileBuilding).containsExactly(false);
        assertThat(peer.packages.isInstalled(packageId)).isTrue();
    }

    @Test
    void installAndInstalledQueriesNeedALocalAdmin() {
        InstallChaincodeArgs install = InstallChaincodeArgs.newBuilder()
                .setChaincodeInstallPackage(ByteString.copyFrom(SccFixture.chaincodePackage("basic_1.0")))
                .build();
        for (var who : List.of(network.client(1), network.peer(1), network.admin(2))) {
            Response response = local(who, "InstallChaincode", install);
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.getMessage())
                    .startsWith("Failed to authorize invocation due to failed ACL check: ")
                    .contains("channelless check policy with policy [Admins]");
        }
        assertThat(local(
                                network.client(1),
                                "QueryInstalledChaincodes",
                                QueryInstalledChaincodesArgs.getDefaultInstance())
                        .getMessage())
                .startsWith("Failed to authorize invocation due to failed ACL check: ");
        assertThat(peer.packages.list()).isEmpty();
    }

    @Test
    void queriesInstalledPackages() throws Exception {
        byte[] pkg = SccFixture.chaincodePackage("basic_1.0");
        local(
                network.admin(1),
                "InstallChaincode",
                InstallChaincodeArgs.newBuilder()
                        .setChaincodeInstallPackage(ByteString.copyFrom(pkg))
                        .build());
        String packageId = "basic_1.0:" + sha256(pkg);

        QueryInstalledChaincodeResult one = QueryInstalledChaincodeResult.parseFrom(local(
                        network.admin(1),
                        "QueryInstalledChaincode",
                        QueryInstalledChaincodeArgs.newBuilder()
                                .setPackageId(packageId)
                                .build())
                .getPayload());
        assertThat(one.getPackageId()).isEqualTo(packageId);
        assertThat(one.getLabel()).isEqualTo("basic_1.0");
        assertThat(one.getReferencesMap()).isEmpty();

        QueryInstalledChaincodesResult all = QueryInstalledChaincodesResult.parseFrom(
                local(network.admin(1), "QueryInstalledChaincodes", QueryInstalledChaincodesArgs.getDefaultInstance())
                        .getPayload());
        assertThat(all.getInstalledChaincodesList()).singleElement().satisfies(c -> {
            assertThat(c.getPackageId()).isEqualTo(packageId);
            assertThat(c.getLabel()).isEqualTo("basic_1.0");
        });

        GetInstalledChaincodePackageResult bytes = GetInstalledChaincodePackageResult.parseFrom(local(
                        network.admin(1),
                        "GetInstalledChaincodePackage",
                        GetInstalledChaincodePackageArgs.newBuilder()
                                .setPackageId(packageId)
                                .build())
                .getPayload());
        assertThat(bytes.getChaincodeInstallPackage().toByteArray()).isEqualTo(pkg);

        String missing = "other:" + "0".repeat(64);
        assertThat(local(
                                network.admin(1),
                                "QueryInstalledChaincode",
                                QueryInstalledChaincodeArgs.newBuilder()
                                        .setPackageId(missing)
                                        .build())
                        .getMessage())
                .isEqualTo("failed to invoke backing implementation of 'QueryInstalledChaincode': could not find "
                        + "chaincode with package id '" + missing + "'");
        assertThat(local(
                                network.admin(1),
                                "GetInstalledChaincodePackage",
                                GetInstalledChaincodePackageArgs.newBuilder()
                                        .setPackageId(missing)
                                        .build())
                        .getMessage())
                .isEqualTo("failed to invoke backing implementation of 'GetInstalledChaincodePackage': could not load "
                        + "cc install package: chaincode install package '" + missing + "' not found");
    }

    @Test
    void rejectsWrongArgumentsAndUnknownFunctions() {
        var admin = network.admin(1);
        assertThat(peer.lifecycle
                        .invoke(peer.local(admin, LifecycleChaincode.NAME, List.of()))
                        .getMessage())
                .isEqualTo("lifecycle scc must be invoked with arguments");
        assertThat(peer.lifecycle
                        .invoke(peer.local(admin, LifecycleChaincode.NAME, args("InstallChaincode")))
                        .getMessage())
                .isEqualTo("lifecycle scc operations require exactly two arguments but received 1");
        assertThat(peer.lifecycle
                        .invoke(peer.local(admin, LifecycleChaincode.NAME, args("InstallChaincode", "a", "b")))
                        .getMessage())
                .isEqualTo("lifecycle scc operations require exactly two arguments but received 3");
        assertThat(peer.lifecycle
                        .invoke(peer.local(admin, LifecycleChaincode.NAME, args("Nope", "")))
                        .getMessage())
                .isEqualTo(
                        "Failed to authorize invocation due to failed ACL check: Unmapped policy for _lifecycle/Nope");
        Response undecodable = peer.lifecycle.invoke(peer.local(
                admin,
                LifecycleChaincode.NAME,
                List.of(ByteString.copyFromUtf8("QueryInstalledChaincode"), ByteString.copyFrom(new byte[] {(byte) 0xff
                }))));
        assertThat(undecodable.getMessage())
                .startsWith("failed to invoke backing implementation of 'QueryInstalledChaincode': could not decode "
                        + "input arg for *lifecycle.Invocation.QueryInstalledChaincode: ");
    }

    @Test
    void channelFunctionsNeedAKnownChannel() {
        peer.join();
        Response noChannel = peer.lifecycle.invoke(
                peer.local(network.client(1), LifecycleChaincode.NAME, args("QueryChaincodeDefinitions", "")));
        assertThat(noChannel.getMessage())
                .startsWith("Failed to authorize invocation due to failed ACL check: ")
                .contains("names no channel");
        Response unknown = peer.lifecycle.invoke(peer.invocation(
                network.client(1),
                "nochannel",
                LifecycleChaincode.NAME,
                args("QueryChaincodeDefinitions", ""),
                Optional.empty()));
        assertThat(unknown.getMessage()).isEqualTo("could not get channelconfig for channel 'nochannel'");
        Response ok = peer.lifecycle.invoke(
                peer.query(network.client(1), LifecycleChaincode.NAME, args("QueryChaincodeDefinitions", "")));
        assertThat(ok.getStatus()).as(ok.getMessage()).isEqualTo(200);
    }

    @Test
    void readsInChannelFunctionsGoThroughTheSimulator() {
        peer.join();
        try (TxSimulator simulator = peer.ledger().newTxSimulator("q")) {
            Response response = peer.lifecycle.invoke(peer.invocation(
                    network.client(1),
                    CHANNEL,
                    LifecycleChaincode.NAME,
                    args(
                            "QueryChaincodeDefinition",
                            org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs.newBuilder()
                                    .setName("basic")
                                    .build()),
                    Optional.of(simulator)));
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getMessage()).isEqualTo("namespace basic is not defined");
            assertThat(simulator.results().rwSet().getNsRwsetList())
                    .extracting(ns -> ns.getNamespace())
                    .containsExactly(LifecycleKeys.NAMESPACE);
        }
    }
}
