package io.weft.peer.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import io.weft.ledger.CommittedBlock;
import io.weft.msp.PolicyDsl;
import io.weft.msp.SigningIdentity;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-level (state-based) endorsement policies on real signed envelopes committed to a real ledger: a key whose
 * {@code VALIDATION_PARAMETER} names a policy is validated against it instead of the chaincode's policy, as on Fabric.
 * Chaincode {@code basic} needs OR(Org1 peer, Org2 peer), {@code andcc} AND(Org1 peer, Org2 peer).
 */
class KeyLevelEndorsementTest {
    private static final String CHANNEL = CommitterFixture.CHANNEL;
    private static final String PARAMETER = ValidationParameters.METADATA_KEY;

    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static SigningIdentity client;
    private static SigningIdentity peer1;
    private static SigningIdentity peer2;

    @TempDir
    Path dir;

    private CommitterFixture fixture;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        client = network.client(1);
        peer1 = network.peer(1);
        peer2 = network.peer(2);
    }

    @BeforeEach
    void joinChannel() {
        fixture = new CommitterFixture(network, dir).joinAndDefine();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static ByteString policy(String expression) {
        return PolicyDsl.parse(expression).toByteString();
    }

    private static EndorserTransactions tx(String chaincode) {
        return EndorserTransactions.of(CHANNEL, client, chaincode);
    }

    private List<TxValidationCode> commit(Envelope... envelopes) {
        return fixture.commit(envelopes);
    }

    /** Creates {@code key} with a key-level policy, endorsed by the given peers. */
    private void guard(String chaincode, String key, String expression, SigningIdentity... endorsers) {
        assertThat(commit(tx(chaincode)
                        .write(chaincode, key, "v0")
                        .metadata(chaincode, key, PARAMETER, policy(expression))
                        .endorsedBy(endorsers)
                        .build()))
                .containsExactly(VALID);
    }

    private ByteString parameterOf(String chaincode, String key) {
        try (var state = fixture.ledger().newQueryExecutor()) {
            return state.getStateMetadata(chaincode, key).get(PARAMETER);
        }
    }

    @Test
    void aKeyThatRequiresOrg2FailsWithOnlyOrg1sEndorsementAndPassesWithOrg2s() {
        guard("basic", "k", "OR('Org2MSP.peer')", peer1); // a new key: the chaincode's OR policy applies

        assertThat(commit(tx("basic")
                        .write("basic", "k", "by org1")
                        .endorsedBy(peer1)
                        .build()))
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(tx("basic")
                        .write("basic", "k", "by org2")
                        .endorsedBy(peer2)
                        .build()))
                .containsExactly(VALID);
        try (var state = fixture.ledger().newQueryExecutor()) {
            assertThat(state.getState("basic", "k")).contains(ByteString.copyFromUtf8("by org2"));
        }
        assertThat(parameterOf("basic", "k")).isEqualTo(policy("OR('Org2MSP.peer')")); // a value write keeps it
    }

    @Test
    void theKeyLevelPolicyReplacesTheChaincodePolicyOnlyForItsKey() {
        guard("andcc", "guarded", "OR('Org1MSP.peer')", peer1, peer2);

        assertThat(commit(tx("andcc")
                        .write("andcc", "guarded", "1")
                        .endorsedBy(peer1)
                        .build()))
                .as("the key's policy replaces AND(org1, org2)")
                .containsExactly(VALID);
        assertThat(commit(tx("andcc")
                        .write("andcc", "guarded", "2")
                        .write("andcc", "plain", "2")
                        .endorsedBy(peer1)
                        .build()))
                .as("a key without a parameter still needs the chaincode's policy")
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(tx("andcc")
                        .write("andcc", "guarded", "3")
                        .write("andcc", "plain", "3")
                        .endorsedBy(peer1, peer2)
                        .build()))
                .containsExactly(VALID);
        assertThat(commit(tx("andcc")
                        .write("andcc", "plain", "4")
                        .endorsedBy(peer2)
                        .build()))
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void aReadOnlyNamespaceStillNeedsTheChaincodePolicy() {
        guard("andcc", "guarded", "OR('Org1MSP.peer')", peer1, peer2);

        // basic is invoked (and only read); andcc's guarded key is written: basic's own OR policy must hold too
        assertThat(commit(tx("basic")
                        .read("basic", "absent", null)
                        .write("andcc", "guarded", "x")
                        .endorsedBy(peer1)
                        .build()))
                .containsExactly(VALID);
        assertThat(commit(tx("andcc")
                        .read("andcc", "absent", null)
                        .endorsedBy(peer1)
                        .build()))
                .as("a transaction that writes nothing of andcc is checked against andcc's AND policy")
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void settingAParameterIsCheckedAgainstTheExistingParameter() {
        guard("basic", "k", "OR('Org2MSP.peer')", peer1);

        assertThat(commit(tx("basic")
                        .metadata("basic", "k", PARAMETER, policy("OR('Org1MSP.peer')"))
                        .endorsedBy(peer1)
                        .build()))
                .as("org1 cannot take over a key org2 guards")
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        assertThat(parameterOf("basic", "k")).isEqualTo(policy("OR('Org2MSP.peer')"));

        assertThat(commit(tx("basic")
                        .metadata("basic", "k", PARAMETER, policy("OR('Org1MSP.peer')"))
                        .endorsedBy(peer2)
                        .build()))
                .containsExactly(VALID);
        assertThat(parameterOf("basic", "k")).isEqualTo(policy("OR('Org1MSP.peer')"));
        assertThat(commit(tx("basic")
                        .write("basic", "k", "org1 again")
                        .endorsedBy(peer1)
                        .build()))
                .containsExactly(VALID);
        assertThat(commit(tx("basic")
                        .write("basic", "k", "org2 now")
                        .endorsedBy(peer2)
                        .build()))
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void deletingAGuardedKeyNeedsItsPolicyAndTakesThePolicyWithIt() {
        guard("basic", "k", "OR('Org2MSP.peer')", peer1);

        assertThat(commit(tx("basic").delete("basic", "k").endorsedBy(peer1).build()))
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(tx("basic").delete("basic", "k").endorsedBy(peer2).build()))
                .containsExactly(VALID);
        assertThat(commit(tx("basic")
                        .write("basic", "k", "fresh")
                        .endorsedBy(peer1)
                        .build()))
                .containsExactly(VALID);
        assertThat(parameterOf("basic", "k")).isNull();
    }

    @Test
    void aParameterSetEarlierInTheBlockInvalidatesLaterWritesOfTheKeyAsOnFabric() {
        assertThat(commit(
                        tx("basic").write("basic", "a", "0").endorsedBy(peer1).build(),
                        tx("basic").write("basic", "b", "0").endorsedBy(peer1).build()))
                .containsExactly(VALID, VALID);

        List<TxValidationCode> codes = commit(
                tx("basic")
                        .metadata("basic", "a", PARAMETER, policy("OR('Org2MSP.peer')"))
                        .endorsedBy(peer1)
                        .build(),
                tx("basic").write("basic", "a", "1").endorsedBy(peer2).build(),
                // an invalid policy change (no endorsement) does not count: b is checked against committed state
                tx("basic")
                        .metadata("basic", "b", PARAMETER, policy("OR('Org2MSP.peer')"))
                        .build(),
                tx("basic").write("basic", "b", "1").endorsedBy(peer1).build(),
                tx("basic").write("basic", "c", "1").endorsedBy(peer1).build());

        assertThat(codes).containsExactly(VALID, ENDORSEMENT_POLICY_FAILURE, ENDORSEMENT_POLICY_FAILURE, VALID, VALID);
        assertThat(parameterOf("basic", "a")).isEqualTo(policy("OR('Org2MSP.peer')"));
        assertThat(parameterOf("basic", "b")).isNull();
    }

    @Test
    void theNextBlockIsValidatedAgainstAPolicySetByTheBlockBeforeItEvenWhenPipelined() {
        assertThat(commit(tx("basic").write("basic", "k", "0").endorsedBy(peer1).build()))
                .containsExactly(VALID);
        Block setsPolicy = fixture.nextBlock(tx("basic")
                .metadata("basic", "k", PARAMETER, policy("OR('Org2MSP.peer')"))
                .endorsedBy(peer1)
                .build());
        Block writesKey = TestBlocks.after(
                setsPolicy.getHeader(),
                network.orderer(),
                0,
                List.of(tx("basic")
                        .write("basic", "k", "1")
                        .endorsedBy(peer1)
                        .build()
                        .toByteString()));

        CompletableFuture<CommittedBlock> first = fixture.channel.submit(setsPolicy);
        CompletableFuture<CommittedBlock> second = fixture.channel.submit(writesKey);

        assertThat(first.join().codes()).containsExactly(VALID);
        assertThat(second.join().codes()).containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void aParameterThatIsNoPolicyCanNeverBeSatisfied() {
        assertThat(commit(tx("basic")
                        .write("basic", "k", "0")
                        .metadata("basic", "k", PARAMETER, ByteString.copyFrom(new byte[] {0x0A, 0x7F, 0x01}))
                        .endorsedBy(peer1)
                        .build()))
                .containsExactly(VALID);

        assertThat(commit(tx("basic")
                        .write("basic", "k", "1")
                        .endorsedBy(peer1, peer2)
                        .build()))
                .containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void theReasonNamesTheKeyAndItsPolicy() {
        guard("basic", "k", "OR('Org2MSP.peer')", peer1);
        Block block = fixture.nextBlock(
                tx("basic").write("basic", "k", "1").endorsedBy(peer1).build());

        BlockValidation validation;
        try (var state = fixture.ledger().newQueryExecutor()) {
            validation = new BlockValidator(Runnable::run, TestNetwork.CRYPTO)
                    .validate(
                            block,
                            fixture.channel.config(),
                            new LifecycleChaincodeDefinitions(state),
                            new StateValidationParameters(state));
        }

        TxOutcome outcome = validation.outcomes().get(0);
        assertThat(outcome.code()).isEqualTo(ENDORSEMENT_POLICY_FAILURE);
        assertThat(outcome.reason())
                .contains("key-level endorsement policy of key k of namespace basic")
                .contains("Org2MSP.peer");
    }
}
