package io.weft.peer.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.msp.ChannelConfig;
import io.weft.msp.GenesisBlockFactory;
import io.weft.msp.SigningIdentity;
import io.weft.peer.committer.CommitterFixture;
import io.weft.peer.committer.EndorserTransactions;
import io.weft.peer.committer.TestBlocks;
import io.weft.testing.TestEnvelopes;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config block replaces the channel's MSPs and policies from the next block on, and survives a restart. */
class ConfigBlockTest {
    private static final String CHANNEL = CommitterFixture.CHANNEL;

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
    void anOrgAddedByAConfigBlockCanTransactFromTheNextBlock() throws Exception {
        ConfigGroup full = ChannelConfig.fromBlock(network.genesisBlock(CHANNEL), TestNetwork.CRYPTO)
                .config()
                .getChannelGroup();
        ConfigGroup.Builder withoutOrg2 = full.toBuilder();
        withoutOrg2.putGroups(
                "Application",
                full.getGroupsOrThrow("Application").toBuilder()
                        .removeGroups("Org2MSP")
                        .build());
        Block genesis = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC())
                .genesisBlock(CHANNEL, withoutOrg2.build());
        SigningIdentity peer1 = network.peer(1);
        SigningIdentity client2 = network.client(2);
        try (CommitterFixture peer = new CommitterFixture(network, dir)) {
            peer.channel = peer.channels.joinChain(genesis);
            assertThat(peer.channel.config().msps().msps()).doesNotContainKey("Org2MSP");
            assertThat(peer.commit(TestBlocks.defineChaincode(
                            CHANNEL,
                            network.client(1),
                            "basic",
                            TestBlocks.signaturePolicy("OR('Org1MSP.peer')"),
                            peer1)))
                    .containsExactly(TxValidationCode.VALID);
            assertThat(peer.commit(org2Transaction(client2, peer1)))
                    .containsExactly(TxValidationCode.BAD_CREATOR_SIGNATURE);

            Envelope update = TestEnvelopes.signed(
                    CHANNEL,
                    network.orderer(),
                    HeaderType.CONFIG,
                    ConfigEnvelope.newBuilder()
                            .setConfig(Config.newBuilder().setSequence(1).setChannelGroup(full))
                            .build()
                            .toByteString());
            long configNumber = peer.ledger().height();
            Block configBlock =
                    TestBlocks.next(peer.ledger(), network.orderer(), configNumber, List.of(update.toByteString()));
            assertThat(peer.channel.commit(configBlock).codes()).containsExactly(TxValidationCode.VALID);
            assertThat(peer.channel.config().sequence()).isEqualTo(1);
            assertThat(peer.channel.config().msps().msps()).containsKey("Org2MSP");

            Block next = TestBlocks.next(
                    peer.ledger(),
                    network.orderer(),
                    configNumber,
                    List.of(org2Transaction(client2, peer1).toByteString()));
            assertThat(peer.channel.commit(next).codes()).containsExactly(TxValidationCode.VALID);
        }
        try (CommitterFixture restarted = new CommitterFixture(network, dir)) {
            restarted.channels.restore();
            Channel channel = restarted.channels.channel(CHANNEL).orElseThrow();
            assertThat(channel.config().sequence()).isEqualTo(1);
            assertThat(channel.config().msps().msps()).containsKey("Org2MSP");
        }
    }

    private static Envelope org2Transaction(SigningIdentity client, SigningIdentity endorser) {
        return EndorserTransactions.of(CHANNEL, client, "basic")
                .write("basic", "owner", ByteString.copyFromUtf8("org2"))
                .endorsedBy(endorser)
                .build();
    }
}
