package io.weft.benchmarks.ledger;

import com.google.protobuf.ByteString;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.CommittedBlock;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TestChain;
import io.weft.ledger.ValidatedBlock;
import io.weft.ledger.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Commit throughput: blocks of 500 endorser transactions, each 4 reads (with the committed version, so MVCC passes)
 * + 4 writes, one synced RocksDB batch per block. Score = transactions per second. Block building happens in the
 * per-invocation setup, outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitBenchmark {
    static final int TXS = 500;
    static final int READ_KEYS = 100_000;
    static final int WRITE_KEYS = 1_000_000;

    /** false only to show how much of a block's commit is the fsync. */
    @Param({"true", "false"})
    boolean sync;

    Path dir;
    LedgerProvider provider;
    ChannelLedger ledger;
    TestChain chain;
    SplittableRandom random = new SplittableRandom(42);
    Block next;
    int txCounter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/tmp")), "commit-bench");
        provider = LedgerProvider.open(new LedgerConfig(dir, LedgerConfig.DEFAULT_TOTAL_QUERY_LIMIT, sync));
        chain = new TestChain("bench");
        ledger = provider.create(chain.genesis());
        // block 1: READ_KEYS read-only keys in 1000 transactions; key r{i} has version (1, i / 100)
        List<ByteString> txs = new ArrayList<>();
        for (int t = 0; t < READ_KEYS / 100; t++) {
            Map<String, String> w = new HashMap<>();
            for (int j = 0; j < 100; j++) {
                w.put("r" + (t * 100 + j), "value-" + (t * 100 + j));
            }
            txs.add(chain.writes("setup" + t, "cc", w));
        }
        ledger.commit(ValidatedBlock.allValid(chain.block(txs)));
    }

    @Setup(Level.Invocation)
    public void buildBlock() {
        List<ByteString> txs = new ArrayList<>(TXS);
        for (int t = 0; t < TXS; t++) {
            TestChain.RwSet rw = new TestChain.RwSet();
            for (int r = 0; r < 4; r++) {
                int k = random.nextInt(READ_KEYS);
                rw.read("cc", "r" + k, new Version(1, k / 100));
            }
            for (int w = 0; w < 4; w++) {
                rw.write("cc", "w" + random.nextInt(WRITE_KEYS), "value-" + txCounter + "-" + w + "-0123456789abcdef");
            }
            txs.add(chain.tx("tx" + (txCounter++), rw.build().toByteString()));
        }
        next = chain.block(txs);
    }

    @Benchmark
    @OperationsPerInvocation(TXS)
    public CommittedBlock commitBlock() {
        CommittedBlock committed = ledger.commit(ValidatedBlock.allValid(next));
        if (committed.codes().get(0) != TxValidationCode.VALID) {
            throw new IllegalStateException(
                    "benchmark transaction invalid: " + committed.codes().get(0));
        }
        return committed;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        provider.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
