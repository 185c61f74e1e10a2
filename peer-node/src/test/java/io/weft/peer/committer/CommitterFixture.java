package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.CommittedBlock;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.SigningIdentity;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.operations.Metrics;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A peer's commit path on a real RocksDB ledger: a channel joined from the test network's genesis block, and three
 * chaincodes defined through {@code _lifecycle} in block 1: {@code basic} (OR of the two orgs' peers), {@code andcc}
 * (AND of them) and {@code strict} (the channel's Endorsement policy, MAJORITY of the orgs).
 */
public final class CommitterFixture implements AutoCloseable {
    public static final String CHANNEL = "mychannel";

    public final TestNetwork network;
    public final LedgerProvider ledgers;
    public final ExecutorService validationPool;
    public final ExecutorService commitPool;
    public final ChannelManager channels;
    public final Metrics metrics = new Metrics();
    public Channel channel;

    public CommitterFixture(TestNetwork network, Path dir) {
        this.network = network;
        this.ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        this.validationPool = Executors.newFixedThreadPool(4);
        this.commitPool = Executors.newSingleThreadExecutor();
        this.channels = new ChannelManager(
                ledgers,
                TestNetwork.CRYPTO,
                new BlockValidator(validationPool, TestNetwork.CRYPTO),
                commitPool,
                metrics);
    }

    /** Joins the channel and defines the three chaincodes in block 1. */
    public CommitterFixture joinAndDefine() {
        channel = channels.joinChain(network.genesisBlock(CHANNEL));
        SigningIdentity client = network.client(1);
        SigningIdentity[] both = {network.peer(1), network.peer(2)};
        List<TxValidationCode> codes = commit(
                TestBlocks.defineChaincode(
                        CHANNEL,
                        client,
                        "basic",
                        TestBlocks.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                        both),
                TestBlocks.defineChaincode(
                        CHANNEL,
                        client,
                        "andcc",
                        TestBlocks.signaturePolicy("AND('Org1MSP.peer','Org2MSP.peer')"),
                        both),
                TestBlocks.defineChaincode(
                        CHANNEL,
                        client,
                        "strict",
                        TestBlocks.policyReference("/Channel/Application/Endorsement"),
                        both));
        if (!codes.stream().allMatch(c -> c == TxValidationCode.VALID)) {
            throw new IllegalStateException("chaincode definitions did not commit: " + codes);
        }
        return this;
    }

    public ChannelLedger ledger() {
        return channel.ledger();
    }

    public Block nextBlock(Envelope... envelopes) {
        return TestBlocks.next(ledger(), network.orderer(), envelopes);
    }

    public Block nextBlockOf(List<ByteString> data) {
        return TestBlocks.next(ledger(), network.orderer(), 0, data);
    }

    public List<TxValidationCode> commit(Envelope... envelopes) {
        CommittedBlock committed = channel.commit(nextBlock(envelopes));
        return committed.codes();
    }

    public EndorserTransactions tx(String chaincode) {
        return EndorserTransactions.of(CHANNEL, network.client(1), chaincode);
    }

    @Override
    public void close() {
        channels.close();
        validationPool.shutdownNow();
        commitPool.shutdownNow();
        try {
            validationPool.awaitTermination(5, TimeUnit.SECONDS);
            commitPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledgers.close();
    }
}
