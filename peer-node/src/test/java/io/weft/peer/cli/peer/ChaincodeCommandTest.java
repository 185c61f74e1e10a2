package io.weft.peer.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.peer.cli.CliRunner;
import io.weft.testing.TestEnvelopes;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peer chaincode invoke|query} against loopback fakes: the exact requests and the exact output. */
class ChaincodeCommandTest {
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

    @Test
    void querySendsFabricsSignedProposalAndPrintsThePayload() throws Exception {
        node.chaincode = p -> FakeNode.ok("{\"ID\":\"asset1\"}");

        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "chaincode",
                "query",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-c",
                "{\"Args\":[\"ReadAsset\",\"asset1\"]}");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("{\"ID\":\"asset1\"}\n");
        SignedProposal signed = node.proposals.get(0);
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        assertThat(signatureHeader.getCreator()).isEqualTo(fixture.admin.serialized());
        assertThat(signatureHeader.getNonce().size()).isEqualTo(24);
        assertThat(channelHeader.getTxId())
                .isEqualTo(TestEnvelopes.txId(signatureHeader.getNonce().toByteArray(), signatureHeader.getCreator()));
        assertThat(channelHeader.getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION_VALUE);
        assertThat(channelHeader.getChannelId()).isEqualTo("mychannel");
        assertThat(channelHeader.getEpoch()).isZero();
        assertThat(ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension())
                        .getChaincodeId()
                        .getName())
                .isEqualTo("basic");
        ChaincodeSpec spec = ChaincodeInvocationSpec.parseFrom(ChaincodeProposalPayload.parseFrom(proposal.getPayload())
                        .getInput())
                .getChaincodeSpec();
        assertThat(spec.getChaincodeId().getName()).isEqualTo("basic");
        assertThat(spec.getInput().getArgsList())
                .containsExactly(ByteString.copyFromUtf8("ReadAsset"), ByteString.copyFromUtf8("asset1"));
        fixture.admin.verify(
                signed.getProposalBytes().toByteArray(), signed.getSignature().toByteArray());
    }

    @Test
    void queryFailurePrintsFabricsErrorAndExitsOne() {
        node.chaincode = p -> FakeNode.error(500, "asset asset9 does not exist");

        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "chaincode",
                "query",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-c",
                "{\"function\":\"ReadAsset\",\"Args\":[\"asset9\"]}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("Error: endorsement failure during query. response: status:500"
                        + " message:\"asset asset9 does not exist\"\n");
    }

    @Test
    void invokeSubmitsTheEndorsedTransactionAsFabricAssemblesIt() throws Exception {
        node.chaincode = p -> FakeNode.ok("done");

        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "chaincode",
                "invoke",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-o",
                node.address(),
                "-c",
                "{\"Args\":[\"CreateAsset\",\"a1\"]}",
                "--transient",
                "{\"secret\":\""
                        + Base64.getEncoder().encodeToString("s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + "\"}");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo("Chaincode invoke successful. result: status:200 payload:\"done\"\n");
        Proposal proposal = Proposal.parseFrom(node.proposals.get(0).getProposalBytes());
        Header proposalHeader = Header.parseFrom(proposal.getHeader());
        ChaincodeProposalPayload proposalPayload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        assertThat(proposalPayload.getTransientMapMap()).containsEntry("secret", ByteString.copyFromUtf8("s3cret"));

        Envelope envelope = node.broadcasts.get(0);
        fixture.admin.verify(
                envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray());
        Payload payload = Payload.parseFrom(envelope.getPayload());
        assertThat(payload.getHeader().toByteString()).isEqualTo(proposalHeader.toByteString());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        assertThat(transaction.getActionsCount()).isEqualTo(1);
        assertThat(transaction.getActions(0).getHeader()).isEqualTo(proposalHeader.getSignatureHeader());
        ChaincodeActionPayload action =
                ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ByteString inputOnly = ChaincodeProposalPayload.newBuilder()
                .setInput(proposalPayload.getInput())
                .build()
                .toByteString();
        assertThat(action.getChaincodeProposalPayload()).isEqualTo(inputOnly);
        ProposalResponsePayload prp =
                ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload());
        assertThat(prp.getProposalHash().toByteArray())
                .isEqualTo(FakeNode.sha256(
                        proposalHeader.getChannelHeader().toByteArray(),
                        proposalHeader.getSignatureHeader().toByteArray(),
                        action.getChaincodeProposalPayload().toByteArray()));
        assertThat(action.getAction().getEndorsementsList()).hasSize(1);
        assertThat(action.getAction().getEndorsements(0).getEndorser()).isEqualTo(fixture.peer1.serialized());
    }

    @Test
    void invokeWaitsForTheCommitWhenAsked() throws Exception {
        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "chaincode",
                "invoke",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-o",
                node.address(),
                "-c",
                "{\"Args\":[\"f\"]}",
                "--waitForEvent");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .isEqualTo("txid [" + node.lastTxId() + "] committed with status (VALID) at " + node.address() + "\n"
                        + "Chaincode invoke successful. result: status:200 payload:\"ok\"\n");
        assertThat(node.seeks).hasSize(1);
        Envelope seek = node.seeks.get(0);
        fixture.admin.verify(
                seek.getPayload().toByteArray(), seek.getSignature().toByteArray());
        ChannelHeader seekHeader = ChannelHeader.parseFrom(
                Payload.parseFrom(seek.getPayload()).getHeader().getChannelHeader());
        assertThat(seekHeader.getType()).isEqualTo(HeaderType.DELIVER_SEEK_INFO_VALUE);
        assertThat(seekHeader.getChannelId()).isEqualTo("mychannel");
    }

    @Test
    void invokeReportsAnInvalidatedTransaction() {
        node.commitCode = TxValidationCode.MVCC_READ_CONFLICT;

        CliRunner.Result result = PeerCliFixture.peer(
                config,
                2,
                "chaincode",
                "invoke",
                "-C",
                "mychannel",
                "-n",
                "basic",
                "-o",
                node.address(),
                "-c",
                "{\"Args\":[\"f\"]}",
                "--waitForEvent");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).endsWith("Error: transaction invalidated with status (MVCC_READ_CONFLICT)\n");
    }

    @Test
    void invokeRefusesEndorsementsOverDifferentPayloads() throws Exception {
        try (FakeNode other = new FakeNode(fixture.peer2)) {
            other.chaincode = p -> FakeNode.ok("different");

            CliRunner.Result result = PeerCliFixture.peer(
                    config,
                    2,
                    "chaincode",
                    "invoke",
                    "-C",
                    "mychannel",
                    "-n",
                    "basic",
                    "-o",
                    node.address(),
                    "--peerAddresses",
                    node.address(),
                    "--peerAddresses",
                    other.address(),
                    "-c",
                    "{\"Args\":[\"f\"]}");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .startsWith("Error: could not assemble transaction: ProposalResponsePayloads do not match"
                            + " (base64): '")
                    .contains("' vs '")
                    .doesNotContain("\n\n");
            assertThat(result.err().lines()).hasSize(1);
            assertThat(node.broadcasts).isEmpty();
        }
    }

    @Test
    void unreachablePeerIsOneLineSayingWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path closed = fixture.coreYaml(dir.resolve("closed"), "127.0.0.1:" + port, "");

        CliRunner.Result result = PeerCliFixture.peer(
                closed, 2, "chaincode", "query", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"f\"]}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("Error: error endorsing query: cannot connect to peer 127.0.0.1:" + port
                        + ": connection refused (is the peer running? is CORE_PEER_TLS_ENABLED right?)\n");
    }

    @Test
    void badFlagsAreOneLineWithExitTwo() {
        CliRunner.Result unknown = CliRunner.run("peer", "chaincode", "query", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);

        CliRunner.Result noArgs = PeerCliFixture.peer(
                config, 2, "chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-o", node.address());
        assertThat(noArgs.exitCode()).isEqualTo(2);
        assertThat(noArgs.err())
                .isEqualTo("peer chaincode invoke: empty JSON chaincode parameters must contain the following keys:"
                        + " 'Args' or 'Function' and 'Args' (see 'peer chaincode invoke --help')\n");
        assertThat(node.proposals).isEmpty();
    }
}
