package io.weft.ledger;

import io.weft.ledger.internal.rocksdb.RocksDbLedgerProvider;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The ledgers of one peer under {@code <fileSystemPath>/ledgersData}: one store per channel. Holds an exclusive file
 * lock on {@code ledgersData/LOCK} from {@link #open} to {@link #close}, so a second process (another peer, or an
 * operator command) cannot open the same ledgers.
 */
public interface LedgerProvider extends AutoCloseable {
    /** Takes the lock and returns a provider; fails if another process holds it. */
    static LedgerProvider open(LedgerConfig config) {
        return RocksDbLedgerProvider.open(config);
    }

    /** Creates the ledger of the channel named in the genesis block and commits that block. */
    ChannelLedger create(Block genesisBlock);

    /** The open ledger of a channel, opening (and checking) its store on first use. */
    Optional<ChannelLedger> get(String channelId);

    /** The channels that have a ledger, sorted. */
    List<String> channels();

    /** Closes and deletes a channel's ledger (unjoin). */
    void remove(String channelId);

    @Override
    void close();
}
