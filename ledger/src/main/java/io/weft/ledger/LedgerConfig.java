package io.weft.ledger;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Ledger settings.
 *
 * @param fileSystemPath {@code peer.fileSystemPath}; ledgers live under {@code <fileSystemPath>/ledgersData}
 * @param totalQueryLimit {@code ledger.state.totalQueryLimit}: most results one range query returns
 * @param syncWrites whether each block's batch is fsynced; only tests and benchmarks turn this off
 */
public record LedgerConfig(Path fileSystemPath, int totalQueryLimit, boolean syncWrites) {
    /** Fabric's sample core.yaml value of {@code ledger.state.totalQueryLimit}. */
    public static final int DEFAULT_TOTAL_QUERY_LIMIT = 100_000;

    public LedgerConfig {
        Objects.requireNonNull(fileSystemPath, "fileSystemPath");
        if (totalQueryLimit <= 0) {
            throw new IllegalArgumentException("ledger.state.totalQueryLimit must be > 0, was " + totalQueryLimit);
        }
    }

    public static LedgerConfig defaults(Path fileSystemPath) {
        return new LedgerConfig(fileSystemPath, DEFAULT_TOTAL_QUERY_LIMIT, true);
    }

    public LedgerConfig withTotalQueryLimit(int limit) {
        return new LedgerConfig(fileSystemPath, limit, syncWrites);
    }

    /** {@code <fileSystemPath>/ledgersData}. */
    public Path ledgersData() {
        return fileSystemPath.resolve("ledgersData");
    }
}
