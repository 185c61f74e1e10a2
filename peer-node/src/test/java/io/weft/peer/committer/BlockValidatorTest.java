package io.weft.peer.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.msp.SigningIdentity;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link BlockValidator} spreads a block's transactions over threads: outcomes always in block order. */
class BlockValidatorTest {
    @TempDir
    Path dir;

    private TestNetwork network;
    private CommitterFixture fixture;

    @BeforeEach
    void joinChannel() {
        network = TestNetwork.create(dir.resolve("net"), TestNetwork.repoConfig());
        fixture = new CommitterFixture(network, dir.resolve("ledger")).joinAndDefine();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** 40 transactions: every third one lacks Org2's endorsement that {@code andcc} needs. */
    private List<TxValidationCode> mixedBlock(List<Envelope> envelopes) {
        List<TxValidationCode> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean bothOrgs = i % 3 != 0;
            envelopes.add(fixture.tx("andcc")
                    .write("andcc", "k" + i, "v")
                    .endorsedBy(
                            bothOrgs
                                    ? new SigningIdentity[] {network.peer(1), network.peer(2)}
                                    : new SigningIdentity[] {network.peer(1)})
                    .build());
            expected.add(bothOrgs ? TxValidationCode.VALID : TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
        return expected;
    }

    private List<TxValidationCode> validate(BlockValidator validator, Block block) {
        try (var state = fixture.ledger().newQueryExecutor()) {
            return validator
                    .validate(
                            block,
                            fixture.channel.config(),
                            new LifecycleChaincodeDefinitions(state),
                            new StateValidationParameters(state))
                    .codes();
        }
    }

    @Test
    void outcomesFollowBlockOrderWhateverThreadValidatedThem() {
        List<Envelope> envelopes = new ArrayList<>();
        List<TxValidationCode> expected = mixedBlock(envelopes);
        Block block = fixture.nextBlock(envelopes.toArray(Envelope[]::new));
        assertThat(validate(new BlockValidator(fixture.validationPool, TestNetwork.CRYPTO), block))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aSaturatedPoolLeavesTheWholeBlockToTheCallingThread() {
        List<Envelope> envelopes = new ArrayList<>();
        List<TxValidationCode> expected = mixedBlock(envelopes);
        Block block = fixture.nextBlock(envelopes.toArray(Envelope[]::new));
        Executor saturated = task -> {
            throw new RejectedExecutionException("pool full");
        };
        assertThat(validate(new BlockValidator(saturated, TestNetwork.CRYPTO), block))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aValidatorThatFailsUnexpectedlyFailsTheBlockWithItsChannelAndNumber() {
        Block block = fixture.nextBlock(fixture.tx("basic")
                .write("basic", "k", "v")
                .endorsedBy(network.peer(1))
                .build());
        var broken = new BlockValidator(fixture.validationPool, TestNetwork.CRYPTO);
        try (var state = fixture.ledger().newQueryExecutor()) {
            ChaincodeDefinitions failing = name -> {
                throw new IllegalStateException("definitions unreadable");
            };
            assertThatThrownBy(() -> broken.validate(
                            block, fixture.channel.config(), failing, new StateValidationParameters(state)))
                    .isInstanceOf(CommitterException.class)
                    .hasMessageContaining("channel " + CommitterFixture.CHANNEL + ", block "
                            + block.getHeader().getNumber())
                    .hasMessageContaining("definitions unreadable");
        }
    }
}
