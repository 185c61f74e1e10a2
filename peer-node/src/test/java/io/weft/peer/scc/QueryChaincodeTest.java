package io.weft.peer.scc;

import static io.weft.peer.scc.SccFixture.CHANNEL;
import static io.weft.peer.scc.SccFixture.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.TxSimulator;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryChaincodeTest {
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
    void join() {
        peer = new SccFixture(network, dir, 1);
        peer.join();
    }

    @AfterEach
    void close() {
        peer.close();
    }

    private Response qscc(String... values) {
        return peer.qscc.invoke(peer.query(network.client(1), QueryChaincode.NAME, args(values)));
    }

    private String commitOneTransaction() {
        try (TxSimulator simulator = peer.ledger().newTxSimulator("t")) {
            simulator.setState(LifecycleKeys.NAMESPACE, "k", ByteString.copyFromUtf8("v"));
            SccFixture.commit(peer.ledger(), network, simulator, network.peer(1));
        }
        Block block = peer.ledger().getBlockByNumber(1).orElseThrow();
        return io.weft.peer.committer.EndorserTransactions.txIdOf(parseEnvelope(block));
    }

    private static org.hyperledger.fabric.protos.common.Envelope parseEnvelope(Block block) {
        try {
            return org.hyperledger.fabric.protos.common.Envelope.parseFrom(
                    block.getData().getData(0));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void getChainInfoReturnsHeightAndCurrentBlockHash() throws Exception {
        Response response = qscc("GetChainInfo", CHANNEL);
        assertThat(response.getStatus()).isEqualTo(200);
        BlockchainInfo info = BlockchainInfo.parseFrom(response.getPayload());
        assertThat(info.getHeight()).isEqualTo(1);
        Block genesis = peer.ledger().getBlockByNumber(0).orElseThrow();
        assertThat(info.getCurrentBlockHash().toByteArray()).isEqualTo(BlockHashes.headerHash(genesis.getHeader()));
    }

    @Test
    void getsBlocksByNumberHashAndTransactionId() throws Exception {
        String txId = commitOneTransaction();
        Block block1 = Block.parseFrom(qscc("GetBlockByNumber", CHANNEL, "1").getPayload());
        assertThat(block1.getHeader().getNumber()).isEqualTo(1);
        assertThat(Block.parseFrom(qscc("GetBlockByNumber", CHANNEL, "18446744073709551615")
                                .getPayload())
                        .getHeader()
                        .getNumber())
                .as("MaxUint64 means the last block")
                .isEqualTo(1);

        List<ByteString> byHash = List.of(
                ByteString.copyFromUtf8("GetBlockByHash"),
                ByteString.copyFromUtf8(CHANNEL),
                ByteString.copyFrom(BlockHashes.headerHash(block1.getHeader())));
        Response hashResponse = peer.qscc.invoke(peer.query(network.client(2), QueryChaincode.NAME, byHash));
        assertThat(Block.parseFrom(hashResponse.getPayload())).isEqualTo(block1);

        ProcessedTransaction tx = ProcessedTransaction.parseFrom(
                qscc("GetTransactionByID", CHANNEL, txId).getPayload());
        assertThat(tx.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        assertThat(tx.getTransactionEnvelope().toByteString())
                .isEqualTo(block1.getData().getData(0));
        assertThat(Block.parseFrom(qscc("GetBlockByTxID", CHANNEL, txId).getPayload()))
                .isEqualTo(block1);
    }

    @Test
    void missingBlocksAndTransactionsAreWordedAsFabric() {
        assertThat(qscc("GetBlockByNumber", CHANNEL, "9").getMessage())
                .isEqualTo("Failed to get block number 9, error no such block number [9] in index");
        assertThat(qscc("GetBlockByNumber", CHANNEL, "abc").getMessage())
                .isEqualTo(
                        "Failed to parse block number with error strconv.ParseUint: parsing \"abc\": invalid syntax");
        assertThat(qscc("GetTransactionByID", CHANNEL, "nope").getMessage())
                .isEqualTo("Failed to get transaction with id nope, error no such transaction ID [nope] in index");
        assertThat(qscc("GetBlockByTxID", CHANNEL, "nope").getMessage())
                .isEqualTo("Failed to get block for txID nope, error no such transaction ID [nope] in index");
        assertThat(qscc("GetBlockByHash", CHANNEL, "\u0001").getMessage())
                .isEqualTo("Failed to get block hash 01, error no such block hash [01] in index");
        assertThat(qscc("GetBlockByNumber", CHANNEL, "9").getStatus()).isEqualTo(500);
    }

    @Test
    void rejectsBadArgumentsAndUnknownChannels() {
        assertThat(qscc("GetChainInfo").getMessage()).isEqualTo("Incorrect number of arguments, 1");
        assertThat(qscc("GetBlockByNumber", CHANNEL).getMessage())
                .isEqualTo("missing 3rd argument for GetBlockByNumber");
        Response other =
                peer.qscc.invoke(peer.local(network.client(1), QueryChaincode.NAME, args("GetChainInfo", "nochannel")));
        assertThat(other.getMessage()).isEqualTo("Invalid chain ID, nochannel");
        assertThat(qscc("GetChainInfo", "otherchannel").getMessage())
                .startsWith("Invalid chain ID, otherchannel: the proposal is for channel " + CHANNEL);
        assertThat(qscc("Nope", CHANNEL, "x").getMessage())
                .isEqualTo("access denied for [Nope][" + CHANNEL + "]: [Unmapped policy for qscc/Nope]");
    }

    @Test
    void deniesIdentitiesOutsideTheChannelReaders() {
        Response response = peer.qscc.invoke(peer.invocation(
                network.orderer(), CHANNEL, QueryChaincode.NAME, args("GetChainInfo", CHANNEL), Optional.empty()));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMessage())
                .startsWith("access denied for [GetChainInfo][" + CHANNEL + "]: [failed evaluating policy on signed "
                        + "data during check policy [/Channel/Application/Readers]: [");
        // a channel-less proposal reads the named channel under that channel's ACL
        Response local =
                peer.qscc.invoke(peer.local(network.client(2), QueryChaincode.NAME, args("GetChainInfo", CHANNEL)));
        assertThat(local.getStatus()).isEqualTo(200);
    }
}
