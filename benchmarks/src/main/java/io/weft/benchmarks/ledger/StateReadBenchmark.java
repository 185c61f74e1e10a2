package io.weft.benchmarks.ledger;

import com.google.protobuf.ByteString;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.KeyValue;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.QueryExecutor;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.TestChain;
import io.weft.ledger.ValidatedBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads on a 1M-key state (keys key0000000..key0999999, 100-byte values), built once in {@code bench.dir/state-1m}
 * and reused. Point reads: one getState per op on a per-thread QueryExecutor (snapshot), random keys. Range scan:
 * 1000 consecutive keys from a random start; score = keys per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StateReadBenchmark {
    static final int KEYS = 1_000_000;
    static final int SCAN = 1000;

    /** Precomputed so the benchmark measures the ledger, not String.format. */
    static final String[] KEY_NAMES = new String[KEYS + 1];

    static {
        for (int i = 0; i <= KEYS; i++) {
            String digits = Integer.toString(i);
            KEY_NAMES[i] = "key" + "0000000".substring(digits.length()) + digits;
        }
    }

    static String key(int i) {
        return KEY_NAMES[i];
    }

    @State(Scope.Benchmark)
    public static class Ledger {
        LedgerProvider provider;
        ChannelLedger ledger;

        @Setup(Level.Trial)
        public void open() throws Exception {
            Path root = Path.of(System.getProperty("bench.dir", "/tmp"), "state-1m");
            boolean exists = Files.exists(root.resolve("ledgersData/chains/bench"));
            provider = LedgerProvider.open(new LedgerConfig(root, 100_000, false));
            if (exists) {
                ledger = provider.get("bench").orElseThrow();
                return;
            }
            TestChain chain = new TestChain("bench");
            ledger = provider.create(chain.genesis());
            String value = "v".repeat(100);
            for (int b = 0; b < KEYS / 10_000; b++) {
                java.util.List<ByteString> txs = new java.util.ArrayList<>();
                for (int t = 0; t < 10; t++) {
                    Map<String, String> writes = new HashMap<>();
                    for (int j = 0; j < 1000; j++) {
                        writes.put(key(b * 10_000 + t * 1000 + j), value);
                    }
                    txs.add(chain.writes("load-" + b + "-" + t, "cc", writes));
                }
                ledger.commit(ValidatedBlock.allValid(chain.block(txs)));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            provider.close();
        }
    }

    @State(Scope.Thread)
    public static class Reader {
        QueryExecutor executor;
        SplittableRandom random;

        @Setup(Level.Trial)
        public void open(Ledger ledger) {
            executor = ledger.ledger.newQueryExecutor();
            random = new SplittableRandom(Thread.currentThread().getId());
        }

        @TearDown(Level.Trial)
        public void close() {
            executor.close();
        }
    }

    @Benchmark
    public Optional<ByteString> pointRead(Reader reader) {
        return reader.executor.getState("cc", key(reader.random.nextInt(KEYS)));
    }

    @Benchmark
    @OperationsPerInvocation(SCAN)
    public void rangeScan(Reader reader, Blackhole bh) {
        int start = reader.random.nextInt(KEYS - SCAN);
        try (ResultsIterator<KeyValue> it =
                reader.executor.getStateRangeScanIterator("cc", key(start), key(start + SCAN))) {
            while (it.hasNext()) {
                bh.consume(it.next());
            }
        }
    }
}
