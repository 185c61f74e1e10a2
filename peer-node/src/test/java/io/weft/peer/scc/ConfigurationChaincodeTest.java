package io.weft.peer.scc;

import static io.weft.peer.scc.SccFixture.CHANNEL;
import static io.weft.peer.scc.SccFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationChaincodeTest {
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

    private Response joinChain(io.weft.msp.SigningIdentity who, ByteString block) {
        return peer.cscc.invoke(
                peer.local(who, ConfigurationChaincode.NAME, List.of(ByteString.copyFromUtf8("JoinChain"), block)));
    }

    @Test
    void localAdminJoinsAChannelAndMembersListIt() throws Exception {
        Block genesis = network.genesisBlock(CHANNEL);
        Response joined = joinChain(network.admin(1), genesis.toByteString());
        assertThat(joined.getStatus()).as(joined.getMessage()).isEqualTo(200);

        Response listed =
                peer.cscc.invoke(peer.local(network.client(1), ConfigurationChaincode.NAME, args("GetChannels")));
        assertThat(listed.getStatus()).isEqualTo(200);
        assertThat(ChannelQueryResponse.parseFrom(listed.getPayload()).getChannelsList())
                .extracting(ChannelInfo::getChannelId)
                .containsExactly(CHANNEL);

        Response again = joinChain(network.admin(1), genesis.toByteString());
        assertThat(again.getStatus()).isEqualTo(500);
        assertThat(again.getMessage()).contains("already joined");
    }

    @Test
    void joinChainNeedsALocalAdminAndAConfigBlock() {
        Block genesis = network.genesisBlock(CHANNEL);
        Response client = joinChain(network.client(1), genesis.toByteString());
        assertThat(client.getMessage())
                .startsWith("access denied for [JoinChain][" + CHANNEL + "]: [failed verifying that the signed data "
                        + "identity satisfies local MSP principal during channelless check policy with policy "
                        + "[Admins]: [This identity (");
        Response otherOrg = joinChain(network.admin(2), genesis.toByteString());
        assertThat(otherOrg.getMessage())
                .startsWith(
                        "access denied for [JoinChain][" + CHANNEL + "]: [failed deserializing signed data identity");
        assertThat(joinChain(network.admin(1), ByteString.EMPTY).getMessage())
                .isEqualTo("Cannot join the channel <nil> configuration block provided");
        assertThat(joinChain(network.admin(1), ByteString.copyFromUtf8("garbage"))
                        .getMessage())
                .startsWith("Failed to reconstruct the genesis block, ");
        assertThat(peer.channels.channels()).isEmpty();
        Response noArg = peer.cscc.invoke(peer.local(network.admin(1), ConfigurationChaincode.NAME, args("JoinChain")));
        assertThat(noArg.getMessage()).isEqualTo("Incorrect number of arguments, 1");
    }

    @Test
    void getChannelsNeedsALocalMember() {
        Response response =
                peer.cscc.invoke(peer.local(network.client(2), ConfigurationChaincode.NAME, args("GetChannels")));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMessage()).startsWith("access denied for [GetChannels]: failed deserializing");
    }

    @Test
    void returnsTheLatestConfigBlockAndConfigToChannelReaders() throws Exception {
        peer.join();
        Response block = peer.cscc.invoke(
                peer.query(network.client(2), ConfigurationChaincode.NAME, args("GetConfigBlock", CHANNEL)));
        assertThat(block.getStatus()).as(block.getMessage()).isEqualTo(200);
        assertThat(Block.parseFrom(block.getPayload()))
                .isEqualTo(peer.ledger().getBlockByNumber(0).orElseThrow());

        Response config = peer.cscc.invoke(
                peer.query(network.client(1), ConfigurationChaincode.NAME, args("GetChannelConfig", CHANNEL)));
        assertThat(Config.parseFrom(config.getPayload()))
                .isEqualTo(peer.channels.channel(CHANNEL).orElseThrow().config().config());

        assertThat(peer.cscc
                        .invoke(peer.query(
                                network.client(1), ConfigurationChaincode.NAME, args("GetConfigBlock", "nochannel")))
                        .getMessage())
                .isEqualTo("Unknown channel ID, nochannel");
        Response denied = peer.cscc.invoke(peer.invocation(
                network.orderer(),
                CHANNEL,
                ConfigurationChaincode.NAME,
                args("GetConfigBlock", CHANNEL),
                java.util.Optional.empty()));
        assertThat(denied.getMessage())
                .startsWith("access denied for [GetConfigBlock][" + CHANNEL + "]: failed evaluating policy");
        assertThat(peer.cscc
                        .invoke(peer.query(network.client(1), ConfigurationChaincode.NAME, args("Nope", CHANNEL)))
                        .getMessage())
                .isEqualTo("Requested function Nope not found.");
    }
}
