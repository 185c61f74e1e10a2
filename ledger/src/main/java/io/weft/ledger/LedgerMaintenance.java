package io.weft.ledger;

import io.weft.ledger.internal.rocksdb.RocksDbLedgerMaintenance;

/**
 * Operator actions on stopped ledgers ({@code peer node rebuild-dbs / rollback / reset}). Each takes the ledgers'
 * file lock and so refuses while a peer has them open.
 */
public interface LedgerMaintenance {
    static LedgerMaintenance of(LedgerConfig config) {
        return new RocksDbLedgerMaintenance(config);
    }

    /** Drops state, history and tx/hash indexes of a channel and rebuilds them from its blocks. */
    void rebuild(String channelId);

    /** Removes blocks above {@code blockNumber} and rebuilds state, history and indexes up to it. */
    void rollback(String channelId, long blockNumber);

    /** Rolls a channel back to its genesis block. */
    default void reset(String channelId) {
        rollback(channelId, 0);
    }
}
