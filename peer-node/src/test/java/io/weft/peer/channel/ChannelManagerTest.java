package io.weft.peer.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.peer.committer.CommitterFixture;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelManagerTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @Test
    void joinsAChannelFromItsGenesisBlockAndRestoresItAfterARestart() throws Exception {
        long height;
        try (CommitterFixture peer = new CommitterFixture(network, dir).joinAndDefine()) {
            assertThat(peer.commit(peer.tx("basic")
                            .write("basic", "k", "v")
                            .endorsedBy(network.peer(1))
                            .build()))
                    .containsExactly(TxValidationCode.VALID);
            height = peer.ledger().height();
            assertThat(peer.channels.channels()).containsExactly(CommitterFixture.CHANNEL);
        }
        try (CommitterFixture restarted = new CommitterFixture(network, dir)) {
            assertThat(restarted.channels.channels()).isEmpty();
            restarted.channels.restore();
            assertThat(restarted.channels.channels()).containsExactly(CommitterFixture.CHANNEL);
            restarted.channel =
                    restarted.channels.channel(CommitterFixture.CHANNEL).orElseThrow();
            assertThat(restarted.ledger().height()).isEqualTo(height);
            assertThat(restarted.channel.config().sequence()).isZero();
            // the restored channel keeps committing where it stopped, with the definitions it had
            assertThat(restarted.commit(restarted
                            .tx("basic")
                            .write("basic", "k", "w")
                            .endorsedBy(network.peer(2))
                            .build()))
                    .containsExactly(TxValidationCode.VALID);
            assertThat(restarted.ledger().height()).isEqualTo(height + 1);
        }
    }

    @Test
    void refusesToJoinAChannelTwice() throws Exception {
        try (CommitterFixture peer = new CommitterFixture(network, dir).joinAndDefine()) {
            Block genesis = network.genesisBlock(CommitterFixture.CHANNEL);
            assertThatThrownBy(() -> peer.channels.joinChain(genesis))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("already joined")
                    .hasMessageContaining(CommitterFixture.CHANNEL);
        }
    }

    @Test
    void refusesToJoinFromABlockThatIsNotAGenesisConfigBlock() throws Exception {
        try (CommitterFixture peer = new CommitterFixture(network, dir).joinAndDefine()) {
            Block block1 = peer.ledger().getBlockByNumber(1).orElseThrow();
            assertThatThrownBy(() -> peer.channels.joinChain(block1))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("genesis block (number 0)");
            Block notConfig = block1.toBuilder()
                    .setHeader(block1.getHeader().toBuilder().setNumber(0))
                    .build();
            assertThatThrownBy(() -> peer.channels.joinChain(notConfig))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("config block");
        }
    }

    @Test
    void unjoinRemovesTheChannelAndItsLedger() throws Exception {
        try (CommitterFixture peer = new CommitterFixture(network, dir).joinAndDefine()) {
            peer.channels.unjoin(CommitterFixture.CHANNEL);
            assertThat(peer.channels.channels()).isEmpty();
            assertThat(peer.ledgers.channels()).isEmpty();
            assertThatThrownBy(() -> peer.channels.unjoin(CommitterFixture.CHANNEL))
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("has not joined");
            // and it can be joined again from scratch
            peer.channels.joinChain(network.genesisBlock(CommitterFixture.CHANNEL));
            assertThat(peer.channels.channels()).containsExactly(CommitterFixture.CHANNEL);
        }
    }
}
