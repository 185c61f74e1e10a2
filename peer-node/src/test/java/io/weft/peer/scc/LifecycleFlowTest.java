package io.weft.peer.scc;

import static io.weft.peer.scc.SccFixture.CHANNEL;
import static io.weft.peer.scc.SccFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.weft.ledger.QueryExecutor;
import io.weft.ledger.TxSimulator;
import io.weft.msp.SigningIdentity;
import io.weft.peer.committer.LifecycleChaincodeDefinitions;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approve, check readiness and commit on one channel's state, with Org1's and Org2's {@code _lifecycle} (each as its
 * org's peer runs it); approvals are committed to the ledger in blocks, as ordering would deliver them.
 */
class LifecycleFlowTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private SccFixture peer;
    private LifecycleChaincode org1;
    private LifecycleChaincode org2;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void open() {
        peer = new SccFixture(network, dir, 1);
        peer.join();
        org1 = peer.lifecycle;
        org2 = peer.lifecycleOf(2);
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private static ApproveChaincodeDefinitionForMyOrgArgs.Builder approval(long sequence, String version) {
        return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setName("basic")
                .setSequence(sequence)
                .setVersion(version);
    }

    private static CommitChaincodeDefinitionArgs commitArgs(long sequence, String version) {
        return CommitChaincodeDefinitionArgs.newBuilder()
                .setName("basic")
                .setSequence(sequence)
                .setVersion(version)
                .build();
    }

    /** Runs a function with a simulator; when it succeeds and {@code commit} is set, commits its rwset. */
    private Response simulate(
            LifecycleChaincode lifecycle, SigningIdentity who, String function, MessageLite input, boolean commit) {
        try (TxSimulator simulator = peer.ledger().newTxSimulator("sim")) {
            Response response = lifecycle.invoke(peer.invocation(
                    who, CHANNEL, LifecycleChaincode.NAME, args(function, input), Optional.of(simulator)));
            if (commit && response.getStatus() == 200) {
                SccFixture.commit(peer.ledger(), network, simulator, network.peer(1));
            }
            return response;
        }
    }

    private Response approve(int org, ApproveChaincodeDefinitionForMyOrgArgs.Builder args) {
        return simulate(
                org == 1 ? org1 : org2, network.admin(org), "ApproveChaincodeDefinitionForMyOrg", args.build(), true);
    }

    private CheckCommitReadinessResult readiness(long sequence, String version) throws Exception {
        Response response = simulate(
                org1,
                network.client(2),
                "CheckCommitReadiness",
                CheckCommitReadinessArgs.newBuilder()
                        .setName("basic")
                        .setSequence(sequence)
                        .setVersion(version)
                        .build(),
                false);
        assertThat(response.getStatus()).as(response.getMessage()).isEqualTo(200);
        return CheckCommitReadinessResult.parseFrom(response.getPayload());
    }

    private static ChaincodeSource local(String packageId) {
        return ChaincodeSource.newBuilder()
                .setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId))
                .build();
    }

    private String install() throws Exception {
        Response installed = org1.invoke(peer.local(
                network.admin(1),
                LifecycleChaincode.NAME,
                args(
                        "InstallChaincode",
                        InstallChaincodeArgs.newBuilder()
                                .setChaincodeInstallPackage(
                                        ByteString.copyFrom(SccFixture.chaincodePackage("basic_1.0")))
                                .build())));
        return InstallChaincodeResult.parseFrom(installed.getPayload()).getPackageId();
    }

    @Test
    void twoOrgsApproveThenTheDefinitionCommitsWithFabricsStateLayout() throws Exception {
        String packageId = install();
        assertThat(approve(1, approval(1, "1.0").setSource(local(packageId))).getStatus())
                .isEqualTo(200);

        CheckCommitReadinessResult afterOne = readiness(1, "1.0");
        assertThat(afterOne.getApprovalsMap()).isEqualTo(Map.of("Org1MSP", true, "Org2MSP", false));
        assertThat(afterOne.getMismatchesMap().get("Org2MSP").getItemsList()).containsExactly("ChaincodeParameters");
        Response early = simulate(org1, network.admin(1), "CommitChaincodeDefinition", commitArgs(1, "1.0"), false);
        assertThat(early.getMessage())
                .isEqualTo("failed to invoke backing implementation of 'CommitChaincodeDefinition': chaincode "
                        + "definition for 'basic' at sequence 1 is approved by 1 of 2 application orgs [Org1MSP], but "
                        + "/Channel/Application/LifecycleEndorsement (MAJORITY Endorsement) needs 2");

        // Org2 approves a different version first: a mismatch named by field
        assertThat(approve(2, approval(1, "2.0")).getStatus()).isEqualTo(200);
        CheckCommitReadinessResult mismatched = readiness(1, "1.0");
        assertThat(mismatched.getApprovalsMap()).isEqualTo(Map.of("Org1MSP", true, "Org2MSP", false));
        assertThat(mismatched.getMismatchesMap().get("Org2MSP").getItemsList()).containsExactly("EndorsementInfo");

        assertThat(approve(2, approval(1, "1.0")).getStatus()).isEqualTo(200);
        CheckCommitReadinessResult ready = readiness(1, "1.0");
        assertThat(ready.getApprovalsMap()).isEqualTo(Map.of("Org1MSP", true, "Org2MSP", true));
        assertThat(ready.getMismatchesMap()).isEmpty();

        Response wrongSequence =
                simulate(org1, network.admin(1), "CommitChaincodeDefinition", commitArgs(2, "1.0"), false);
        assertThat(wrongSequence.getMessage())
                .isEqualTo("failed to invoke backing implementation of 'CommitChaincodeDefinition': requested "
                        + "sequence is 2, but new definition must be sequence 1");
        Response committed = simulate(org1, network.client(1), "CommitChaincodeDefinition", commitArgs(1, "1.0"), true);
        assertThat(committed.getStatus()).as(committed.getMessage()).isEqualTo(200);

        assertStateLayout();
        assertQueries(packageId);
    }

    private void assertStateLayout() throws Exception {
        ByteString defaultPolicy = ApplicationPolicy.newBuilder()
                .setChannelConfigPolicyReference("/Channel/Application/Endorsement")
                .build()
                .toByteString();
        try (QueryExecutor state = peer.ledger().newQueryExecutor()) {
            StateMetadata metadata = StateMetadata.parseFrom(
                    state.getState("_lifecycle", "namespaces/metadata/basic").orElseThrow());
            assertThat(metadata.getDatatype()).isEqualTo("ChaincodeDefinition");
            assertThat(metadata.getFieldsList())
                    .containsExactly("Sequence", "EndorsementInfo", "ValidationInfo", "Collections");
            assertThat(StateData.parseFrom(state.getState("_lifecycle", "namespaces/fields/basic/Sequence")
                                    .orElseThrow())
                            .getInt64())
                    .isEqualTo(1);
            ChaincodeEndorsementInfo endorsement = ChaincodeEndorsementInfo.parseFrom(
                    StateData.parseFrom(state.getState("_lifecycle", "namespaces/fields/basic/EndorsementInfo")
                                    .orElseThrow())
                            .getBytes());
            assertThat(endorsement)
                    .isEqualTo(ChaincodeEndorsementInfo.newBuilder()
                            .setVersion("1.0")
                            .setEndorsementPlugin("escc")
                            .build());
            StateData collections =
                    StateData.parseFrom(state.getState("_lifecycle", "namespaces/fields/basic/Collections")
                            .orElseThrow());
            assertThat(collections.getTypeCase()).isEqualTo(StateData.TypeCase.BYTES);
            // the committer reads the definition back
            ChaincodeValidationInfo validation = new LifecycleChaincodeDefinitions(state)
                    .validationInfo("basic")
                    .orElseThrow();
            assertThat(validation.getValidationPlugin()).isEqualTo("vscc");
            assertThat(validation.getValidationParameter()).isEqualTo(defaultPolicy);
        }
    }

    private void assertQueries(String packageId) throws Exception {
        Response definition = simulate(
                org2,
                network.client(2),
                "QueryChaincodeDefinition",
                QueryChaincodeDefinitionArgs.newBuilder().setName("basic").build(),
                false);
        QueryChaincodeDefinitionResult result = QueryChaincodeDefinitionResult.parseFrom(definition.getPayload());
        assertThat(result.getSequence()).isEqualTo(1);
        assertThat(result.getVersion()).isEqualTo("1.0");
        assertThat(result.getApprovalsMap()).isEqualTo(Map.of("Org1MSP", true, "Org2MSP", true));

        Response all = org1.invoke(
                peer.query(network.client(1), LifecycleChaincode.NAME, args("QueryChaincodeDefinitions", "")));
        assertThat(QueryChaincodeDefinitionsResult.parseFrom(all.getPayload()).getChaincodeDefinitionsList())
                .singleElement()
                .satisfies(d -> assertThat(d.getName()).isEqualTo("basic"));

        QueryApprovedChaincodeDefinitionResult approved1 =
                QueryApprovedChaincodeDefinitionResult.parseFrom(org1.invoke(peer.query(
                                network.admin(1),
                                LifecycleChaincode.NAME,
                                args(
                                        "QueryApprovedChaincodeDefinition",
                                        QueryApprovedChaincodeDefinitionArgs.newBuilder()
                                                .setName("basic")
                                                .build())))
                        .getPayload());
        assertThat(approved1.getSource().getLocalPackage().getPackageId()).isEqualTo(packageId);
        QueryApprovedChaincodeDefinitionResult approved2 =
                QueryApprovedChaincodeDefinitionResult.parseFrom(org2.invoke(peer.query(
                                network.admin(2),
                                LifecycleChaincode.NAME,
                                args(
                                        "QueryApprovedChaincodeDefinition",
                                        QueryApprovedChaincodeDefinitionArgs.newBuilder()
                                                .setName("basic")
                                                .setSequence(1)
                                                .build())))
                        .getPayload());
        assertThat(approved2.getSource().hasUnavailable()).isTrue();

        try (QueryExecutor state = peer.ledger().newQueryExecutor()) {
            LifecycleDefinitions.Definition mine = new LifecycleDefinitions("Org1MSP")
                    .definition(state, "basic")
                    .orElseThrow();
            assertThat(mine.sequence()).isEqualTo(1);
            assertThat(mine.version()).isEqualTo("1.0");
            assertThat(mine.endorsementPlugin()).isEqualTo("escc");
            assertThat(mine.approvedByMyOrg()).isTrue();
            assertThat(mine.packageId()).contains(packageId);
            LifecycleDefinitions.Definition theirs = new LifecycleDefinitions("Org2MSP")
                    .definition(state, "basic")
                    .orElseThrow();
            assertThat(theirs.approvedByMyOrg()).isTrue();
            assertThat(theirs.packageId()).isEmpty();
            assertThat(new LifecycleDefinitions("Org1MSP").definition(state, "other"))
                    .isEmpty();
        }

        QueryInstalledChaincodesResult installed = QueryInstalledChaincodesResult.parseFrom(org1.invoke(peer.local(
                        network.admin(1),
                        LifecycleChaincode.NAME,
                        args("QueryInstalledChaincodes", QueryInstalledChaincodesArgs.getDefaultInstance())))
                .getPayload());
        var references = installed.getInstalledChaincodes(0).getReferencesMap().get(CHANNEL);
        assertThat(references.getChaincodesList()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("basic");
            assertThat(c.getVersion()).isEqualTo("1.0");
        });

        // sequence 1 is committed: approving it again is refused as Fabric refuses it
        assertThat(approve(1, approval(1, "2.0").setSource(local(packageId))).getMessage())
                .isEqualTo("failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': "
                        + "attempted to redefine the current committed sequence (1) for namespace basic with different "
                        + "parameters: expected Version '1.0' does not match passed Version '2.0'");
        assertThat(approve(1, approval(1, "1.0").setSource(local(packageId))).getMessage())
                .endsWith("attempted to redefine the current committed sequence (1) for namespace basic");
    }

    @Test
    void approvalsFollowFabricsSequenceRules() {
        String prefix = "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': ";
        assertThat(approve(1, approval(0, "1.0")).getMessage())
                .isEqualTo(prefix + "requested sequence is 0, but first definable sequence number is 1");
        assertThat(approve(1, approval(2, "1.0")).getMessage())
                .isEqualTo(prefix + "requested sequence 2 is larger than the next available sequence number 1");
        assertThat(approve(1, approval(1, "1.0")).getStatus()).isEqualTo(200);
        assertThat(approve(1, approval(1, "1.0")).getMessage())
                .isEqualTo(prefix + "attempted to redefine uncommitted sequence (1) for namespace basic with unchanged "
                        + "content");
        assertThat(approve(1, approval(1, "1.0").setName("bad name")).getMessage())
                .startsWith(prefix + "error validating chaincode definition: invalid chaincode name 'bad name'.");
        assertThat(approve(1, approval(1, "1.0").setName("qscc")).getMessage())
                .isEqualTo(prefix + "error validating chaincode definition: chaincode name 'qscc' is the name of a "
                        + "system chaincode");
    }

    @Test
    void approvalNeedsALocalAdminAndASimulator() {
        Response client = simulate(
                org1,
                network.client(1),
                "ApproveChaincodeDefinitionForMyOrg",
                approval(1, "1.0").build(),
                false);
        assertThat(client.getMessage()).startsWith("Failed to authorize invocation due to failed ACL check: ");
        Response otherOrgAdmin = simulate(
                org1,
                network.admin(2),
                "ApproveChaincodeDefinitionForMyOrg",
                approval(1, "1.0").build(),
                false);
        assertThat(otherOrgAdmin.getMessage())
                .contains("failed deserializing signed data identity")
                .contains("Org2MSP");
        Response noSimulator = org1.invoke(peer.query(
                network.admin(1),
                LifecycleChaincode.NAME,
                args("ApproveChaincodeDefinitionForMyOrg", approval(1, "1.0").build())));
        assertThat(noSimulator.getMessage()).contains("has no transaction simulator");
    }

    @Test
    void commitRefusesADefinitionItsOwnOrgDidNotApprove() {
        assertThat(approve(2, approval(1, "1.0")).getStatus()).isEqualTo(200);
        Response commit = simulate(org1, network.admin(1), "CommitChaincodeDefinition", commitArgs(1, "1.0"), false);
        assertThat(commit.getStatus()).isEqualTo(500);
        assertThat(commit.getMessage())
                .isEqualTo("failed to invoke backing implementation of 'CommitChaincodeDefinition': chaincode "
                        + "definition not agreed to by this org (Org1MSP)");
        Response client = simulate(org1, network.orderer(), "CommitChaincodeDefinition", commitArgs(1, "1.0"), false);
        assertThat(client.getMessage())
                .startsWith("Failed to authorize invocation due to failed ACL check: failed evaluating policy on "
                        + "signed data during check policy [/Channel/Application/Writers]");
        assertThat(List.of(
                        LifecycleKeys.approvalOwner("weft/approvals/Org2MSP/basic#1"),
                        LifecycleKeys.approvalOwner("weft/sources/Org1MSP/basic#1"),
                        LifecycleKeys.approvalOwner("namespaces/fields/basic/Sequence")))
                .containsExactly(Optional.of("Org2MSP"), Optional.of("Org1MSP"), Optional.empty());
    }
}
