package io.weft.peer.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks the committer must refuse before looking at their transactions. */
class BlockVerifierTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private CommitterFixture fixture;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void joinChannel() {
        fixture = new CommitterFixture(network, dir);
        fixture.channel = fixture.channels.joinChain(network.genesisBlock(CommitterFixture.CHANNEL));
    }

    @AfterEach
    void close() throws InterruptedException {
        fixture.close();
    }

    private Block validBlock() {
        return fixture.nextBlock(fixture.tx("basic").write("basic", "k", "v").build());
    }

    @Test
    void commitsABlockThatExtendsTheChainSignedByTheOrderer() {
        fixture.channel.commit(validBlock());
        assertThat(fixture.ledger().height()).isEqualTo(2);
    }

    @Test
    void refusesABlockWithAWrongPreviousHash() {
        Block block = validBlock();
        Block broken = block.toBuilder()
                .setHeader(block.getHeader().toBuilder().setPreviousHash(ByteString.copyFrom(new byte[32])))
                .build();
        assertThatThrownBy(() -> fixture.channel.commit(broken))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessageContaining("channel mychannel, block 1")
                .hasMessageContaining("previous hash");
        assertThat(fixture.ledger().height()).isEqualTo(1);
    }

    @Test
    void refusesABlockWhoseDataDoesNotMatchItsDataHash() {
        Block block = validBlock();
        Block tampered = block.toBuilder()
                .setData(block.getData().toBuilder().addData(ByteString.copyFromUtf8("smuggled")))
                .build();
        assertThatThrownBy(() -> fixture.channel.commit(tampered))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessageContaining("channel mychannel, block 1")
                .hasMessageContaining("data hash");
    }

    @Test
    void refusesABlockSignedByAPeerInsteadOfTheOrderer() {
        Block block = TestBlocks.next(
                fixture.ledger(),
                network.peer(1),
                fixture.tx("basic").write("basic", "k", "v").build());
        assertThatThrownBy(() -> fixture.channel.commit(block))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessageContaining("channel mychannel, block 1")
                .hasMessageContaining("/Channel/Orderer/BlockValidation")
                .hasMessageContaining("Org1MSP");
    }

    @Test
    void refusesABlockWithoutSignatures() {
        Block block = validBlock();
        Block unsigned = block.toBuilder().clearMetadata().build();
        assertThatThrownBy(() -> fixture.channel.commit(unsigned))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessageContaining("SIGNATURES");
    }

    @Test
    void refusesABlockThatSkipsANumber() {
        Block block = validBlock();
        Block next = TestBlocks.after(
                block.getHeader(), network.orderer(), 0, block.getData().getDataList());
        assertThatThrownBy(() -> fixture.channel.commit(next))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessageContaining("expected block number 1");
    }
}
