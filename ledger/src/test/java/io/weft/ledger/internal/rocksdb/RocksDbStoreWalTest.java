package io.weft.ledger.internal.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/** The write-ahead log stays near its cap although a small column family never fills its memtable. */
class RocksDbStoreWalTest {
    private static final long CAP = 1L << 20;
    private static final int WRITES = 256;
    private static final int VALUE_BYTES = 32 << 10; // 8 MB in all, far below a 64 MB memtable

    @TempDir
    Path dir;

    @Test
    void aSmallFamilyDoesNotPinEveryWalFile() throws Exception {
        try (RocksDbStore store = RocksDbStore.open("mychannel", dir, false, CAP)) {
            byte[] value = new byte[VALUE_BYTES];
            for (int i = 0; i < WRITES; i++) {
                try (WriteBatch batch = new WriteBatch()) {
                    batch.put(store.state, ("key" + i).getBytes(), value);
                    // meta gets a few bytes per "block", as the ledger's height record does
                    batch.put(
                            store.meta, "height".getBytes(), Integer.toString(i).getBytes());
                    store.write(batch, "test write");
                }
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (walBytes() > 3 * CAP && System.nanoTime() < deadline) {
                Thread.sleep(50); // obsolete WAL files go once their background flushes are done
            }
            assertThat(walBytes()).isLessThanOrEqualTo(3 * CAP);
            // nothing was lost on the way
            assertThat(store.get(store.state, ("key" + (WRITES - 1)).getBytes()))
                    .hasSize(VALUE_BYTES);
            assertThat(new String(store.get(store.meta, "height".getBytes()))).isEqualTo(Integer.toString(WRITES - 1));
        }
    }

    @Test
    void ledgersOpenWithTheCap() throws Exception {
        RocksDbStore.open("mychannel", dir, false).close();

        // RocksDB records the options it ran with in the store's OPTIONS file
        try (Stream<Path> files = Files.list(dir)) {
            Path options = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(options)).contains("max_total_wal_size=" + (256L << 20));
        }
    }

    @Test
    void withoutTheCapTheWalKeepsEverything() throws Exception {
        // the problem the cap solves: RocksDB's own default (0: four times all write buffers) keeps all 8 MB
        try (RocksDbStore store = RocksDbStore.open("mychannel", dir, false, 0)) {
            writeAll(store);
            assertThat(walBytes()).isGreaterThan((long) WRITES * VALUE_BYTES);
        }
    }

    private static void writeAll(RocksDbStore store) {
        byte[] value = new byte[VALUE_BYTES];
        for (int i = 0; i < WRITES; i++) {
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(store.state, ("key" + i).getBytes(), value);
                // meta gets a few bytes per "block", as the ledger's height record does
                batch.put(store.meta, "height".getBytes(), Integer.toString(i).getBytes());
                store.write(batch, "test write");
            } catch (org.rocksdb.RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private long walBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
