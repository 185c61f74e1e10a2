package io.weft.peer.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.peer.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peer channel join|list|getinfo|fetch} against loopback fakes. */
class ChannelCommandTest {
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

    static ChaincodeSpec spec(SignedProposal signed) throws Exception {
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        return ChaincodeInvocationSpec.parseFrom(ChaincodeProposalPayload.parseFrom(proposal.getPayload())
                        .getInput())
                .getChaincodeSpec();
    }

    @Test
    void joinSendsTheBlockToCsccInAChannelLessConfigProposal() throws Exception {
        Block genesis = fixture.network.genesisBlock("mychannel");
        Path file = dir.resolve("mychannel.block");
        Files.write(file, genesis.toByteArray());
        node.chaincode = p -> FakeNode.ok("");

        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "join", "-b", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo("Successfully submitted proposal to join channel\n");
        ChannelHeader header = FakeNode.header(node.proposals.get(0));
        assertThat(header.getType()).isEqualTo(HeaderType.CONFIG_VALUE);
        assertThat(header.getChannelId()).isEmpty();
        ChaincodeSpec spec = spec(node.proposals.get(0));
        assertThat(spec.getChaincodeId().getName()).isEqualTo("cscc");
        assertThat(spec.getInput().getArgsList())
                .containsExactly(ByteString.copyFromUtf8("JoinChain"), genesis.toByteString());
    }

    @Test
    void joinRefusedByThePeerIsOneErrorLine() throws Exception {
        Path file = dir.resolve("mychannel.block");
        Files.write(file, fixture.network.genesisBlock("mychannel").toByteArray());
        node.chaincode = p -> FakeNode.error(500, "access denied for [JoinChain]");

        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "join", "-b", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("Error: proposal failed (err: bad proposal response 500: access denied for [JoinChain])\n");
    }

    @Test
    void joinWithoutBlockIsAUsageError() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "join");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("peer channel join: Must supply genesis block path (see 'peer channel join --help')\n");
    }

    @Test
    void listPrintsFabricsHeadingAndTheChannels() throws Exception {
        node.chaincode = p -> FakeNode.ok(ChannelQueryResponse.newBuilder()
                .addChannels(ChannelInfo.newBuilder().setChannelId("mychannel"))
                .addChannels(ChannelInfo.newBuilder().setChannelId("other"))
                .build()
                .toByteString());

        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Channels peers has joined: \nmychannel\nother\n");
        assertThat(spec(node.proposals.get(0)).getInput().getArgsList())
                .containsExactly(ByteString.copyFromUtf8("GetChannels"));
        assertThat(FakeNode.header(node.proposals.get(0)).getChannelId()).isEmpty();
    }

    @Test
    void getinfoPrintsBlockchainInfoAsFabricsJson() throws Exception {
        byte[] current = {1, 2, 3};
        byte[] previous = {4, 5, 6};
        node.chaincode = p -> FakeNode.ok(BlockchainInfo.newBuilder()
                .setHeight(5)
                .setCurrentBlockHash(ByteString.copyFrom(current))
                .setPreviousBlockHash(ByteString.copyFrom(previous))
                .build()
                .toByteString());

        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "getinfo", "-c", "mychannel");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("Blockchain info: {\"height\":5,\"currentBlockHash\":\""
                        + Base64.getEncoder().encodeToString(current) + "\",\"previousBlockHash\":\""
                        + Base64.getEncoder().encodeToString(previous) + "\"}\n");
        assertThat(spec(node.proposals.get(0)).getInput().getArgsList())
                .containsExactly(ByteString.copyFromUtf8("GetChainInfo"), ByteString.copyFromUtf8("mychannel"));
    }

    private static Block block(long number, long lastConfig) {
        Metadata signatures = Metadata.newBuilder()
                .setValue(OrdererBlockMetadata.newBuilder()
                        .setLastConfig(LastConfig.newBuilder().setIndex(lastConfig))
                        .build()
                        .toByteString())
                .build();
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(number))
                .setMetadata(BlockMetadata.newBuilder().addMetadata(signatures.toByteString()))
                .build();
    }

    @Test
    void fetchConfigGetsTheBlockNamedByTheNewestBlocksLastConfigIndex() throws Exception {
        node.blocks.add(block(0, 0));
        node.blocks.add(block(1, 1));
        node.blocks.add(block(2, 1));
        Path out = dir.resolve("config.block");

        CliRunner.Result result = PeerCliFixture.peer(
                config, 2, "channel", "fetch", "config", out.toString(), "-c", "mychannel", "-o", node.address());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo("Retrieving last config block: 1\nReceived block: 1\n");
        assertThat(Block.parseFrom(Files.readAllBytes(out))).isEqualTo(node.blocks.get(1));
        assertThat(node.seeks).hasSize(2);
    }

    @Test
    void fetchWithoutOrdererAsksThePeer() throws Exception {
        node.blocks.add(block(0, 0));
        Path out = dir.resolve("oldest.block");

        CliRunner.Result result =
                PeerCliFixture.peer(config, 2, "channel", "fetch", "oldest", out.toString(), "-c", "mychannel");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Block.parseFrom(Files.readAllBytes(out)).getHeader().getNumber())
                .isZero();
    }

    @Test
    void fetchOfAMissingBlockFails() {
        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "channel",
                "fetch",
                "3",
                dir.resolve("x").toString(),
                "-c",
                "mychannel",
                "-o",
                node.address());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: error getting specified block: can't read the block: &{NOT_FOUND}");
    }

    @Test
    void fetchOfAnIllegalTargetIsAUsageError() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "channel", "fetch", "latest", "-c", "mychannel");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("fetch target illegal: latest");
    }
}
