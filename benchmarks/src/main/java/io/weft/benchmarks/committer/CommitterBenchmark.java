package io.weft.benchmarks.committer;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.QueryExecutor;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspFolder;
import io.weft.msp.SigningIdentity;
import io.weft.orderer.BlockSignatures;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.committer.LifecycleChaincodeDefinitions;
import io.weft.peer.committer.StateValidationParameters;
import io.weft.peer.operations.Metrics;
import io.weft.testing.TestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Committer throughput: blocks of {@code txsPerBlock} (500 by default) endorsed transactions (client signature + one
 * peer endorsement, 4 blind writes each) through the peer's commit path on a real RocksDB ledger: block verification
 * (hash chain, data hash, orderer signature), validation (creator signature + endorsement policy per transaction, on a
 * pool of {@code threads}) and the ledger commit (duplicate tx ids, MVCC, one synced write per block). Each invocation
 * commits {@value #TRANSACTIONS} transactions; their envelopes are signed in the per-iteration setup, outside the
 * measurement. The score is microseconds per transaction: tx/s = 1,000,000 / score.
 *
 * <ul>
 *   <li>{@code commitPipelined}: {@code Channel.submit} - validation of block N+1 overlaps the ledger write of N;
 *   <li>{@code commitSequential}: {@code Channel.commit} - verify, validate, write, then the next block;
 *   <li>{@code validateOnly}: verification + validation, no ledger write (the CPU part alone).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class CommitterBenchmark {
    /** Transactions per invocation, whatever the block size: the score stays per transaction. */
    static final int TRANSACTIONS = 10_000;

    static final String CHANNEL = "benchchannel";
    static final String CHAINCODE = "bench";

    @Param({"2"})
    public int threads;

    /** 500 (the figure); 10 is Fabric's sample MaxMessageCount, where per-block costs weigh most. */
    @Param({"500"})
    public int txsPerBlock;

    @Param({"true"})
    public boolean syncWrites;

    private Path dir;
    private TestNetwork network;
    private SigningIdentity client;
    private SigningIdentity orderer;
    private SigningIdentity[] peers;
    private LedgerProvider ledgers;
    private ExecutorService validationPool;
    private ExecutorService commitPool;
    private ChannelManager channels;
    private Channel channel;
    private BlockValidator validator;
    private List<Block> blocks;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("weft-committer-bench");
        network = TestNetwork.create(dir.resolve("net"), TestNetwork.repoConfig());
        // signed with a provider of their own that remembers nothing: a signing identity otherwise remembers its
        // signatures as verified, and the committer (same JVM here, another process in a network) would skip them
        CryptoProvider signing = CryptoProvider.detect().withoutVerifiedMemory();
        client = MspFolder.load(network.clientMspDir(1), "Org1MSP", signing).signingIdentity();
        orderer = MspFolder.load(network.ordererMspDir(), "OrdererMSP", signing).signingIdentity();
        peers = new SigningIdentity[] {
            MspFolder.load(network.peerMspDir(1), "Org1MSP", signing).signingIdentity(),
            MspFolder.load(network.peerMspDir(2), "Org2MSP", signing).signingIdentity()
        };
        ledgers = LedgerProvider.open(
                new LedgerConfig(dir.resolve("ledger"), LedgerConfig.DEFAULT_TOTAL_QUERY_LIMIT, syncWrites));
        validationPool = Executors.newFixedThreadPool(threads);
        commitPool = Executors.newSingleThreadExecutor();
        validator = new BlockValidator(validationPool, TestNetwork.CRYPTO);
        channels = new ChannelManager(ledgers, TestNetwork.CRYPTO, validator, commitPool, new Metrics());
        channel = channels.joinChain(network.genesisBlock(CHANNEL));
        Envelope definition = Transactions.defineChaincode(CHANNEL, client, CHAINCODE, peers);
        Block block1 =
                sign(chain(channel.ledger().getBlockByNumber(0).orElseThrow().getHeader(), List.of(definition)));
        if (channel.commit(block1).codes().get(0) != TxValidationCode.VALID) {
            throw new IllegalStateException("the benchmark chaincode definition did not commit");
        }
    }

    /** Signs the next {@value #TRANSACTIONS} transactions in blocks, chained from the ledger's last block. */
    @Setup(Level.Iteration)
    public void signBlocks() {
        channel.flush();
        BlockHeader previous = channel.ledger()
                .getBlockByNumber(channel.ledger().height() - 1)
                .orElseThrow()
                .getHeader();
        if (txsPerBlock <= 0 || TRANSACTIONS % txsPerBlock != 0) {
            // the score divides by TRANSACTIONS: a remainder would be counted without being committed
            throw new IllegalArgumentException(
                    "txsPerBlock must divide " + TRANSACTIONS + " evenly, was " + txsPerBlock);
        }
        int count = TRANSACTIONS / txsPerBlock;
        blocks = new ArrayList<>(count);
        List<CompletableFuture<Envelope>> pending = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            pending.clear();
            for (int t = 0; t < txsPerBlock; t++) {
                String prefix = "i" + iteration + "b" + b + "t" + t + "k";
                SigningIdentity endorser = peers[t % 2];
                pending.add(CompletableFuture.supplyAsync(
                        () -> Transactions.invoke(CHANNEL, client, CHAINCODE, prefix, 4, endorser), validationPool));
            }
            Block block = sign(chain(
                    previous, pending.stream().map(CompletableFuture::join).toList()));
            blocks.add(block);
            previous = block.getHeader();
        }
        iteration++;
    }

    private static Block chain(BlockHeader previous, List<Envelope> envelopes) {
        BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(e -> data.addData(e.toByteString()));
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(previous.getNumber() + 1)
                        .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous)))
                        .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data.build()))))
                .setData(data)
                .build();
    }

    private Block sign(Block block) {
        return BlockSignatures.sign(block, orderer, 0);
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long commitPipelined() {
        for (Block block : blocks) {
            channel.submit(block);
        }
        channel.flush();
        return channel.ledger().height();
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long commitSequential() {
        long valid = 0;
        for (Block block : blocks) {
            valid += channel.commit(block).codes().stream()
                    .filter(c -> c == TxValidationCode.VALID)
                    .count();
        }
        return valid;
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long validateOnly() {
        long valid = 0;
        try (QueryExecutor state = channel.ledger().newQueryExecutor()) {
            var definitions = new LifecycleChaincodeDefinitions(state);
            var parameters = new StateValidationParameters(state);
            for (Block block : blocks) {
                valid += validator.validate(block, channel.config(), definitions, parameters).codes().stream()
                        .filter(c -> c == TxValidationCode.VALID)
                        .count();
            }
        }
        // the blocks are not committed: the next iteration signs blocks from the same height
        return valid;
    }

    @TearDown(Level.Iteration)
    public void checkAllValid() {
        channel.flush();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        channels.close();
        validationPool.shutdownNow();
        commitPool.shutdownNow();
        validationPool.awaitTermination(5, TimeUnit.SECONDS);
        commitPool.awaitTermination(5, TimeUnit.SECONDS);
        ledgers.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
