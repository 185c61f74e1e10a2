package io.weft.ledger.internal.rocksdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.LedgerException;
import io.weft.ledger.internal.Keys;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The checks run when a ledger is opened. Every block is committed in one batch with chain info and savepoint, so a
 * healthy store always has: savepoint == height - 1, block height-1 present and hashing to the recorded current hash,
 * no block at height. Anything else is damage (a truncated or edited store) and is reported, never repaired silently.
 */
final class Recovery {
    private Recovery() {}

    static StoreLayout.ChainInfo check(RocksDbStore store) {
        String channel = store.channelId();
        byte[] infoBytes = store.get(store.meta, StoreLayout.CHAIN_INFO);
        if (infoBytes == null) {
            throw new LedgerException("channel " + channel + ": ledger store has no chain info (not a ledger, or"
                    + " its creation never completed)");
        }
        StoreLayout.ChainInfo info;
        try {
            info = StoreLayout.chainInfo(infoBytes);
        } catch (LedgerException e) {
            throw new LedgerException("channel " + channel + ": chain info is corrupt: " + e.getMessage(), e);
        }
        long last = info.height() - 1;
        if (last < 0) {
            throw new LedgerException("channel " + channel + ": ledger has height 0 (no genesis block)");
        }
        byte[] savepoint = store.get(store.meta, StoreLayout.SAVEPOINT);
        if (savepoint == null || savepoint.length != 8 || Keys.longOf(savepoint) != last) {
            throw new LedgerException("channel " + channel + ": state savepoint "
                    + (savepoint == null || savepoint.length != 8 ? "missing" : Keys.longOf(savepoint))
                    + " does not match block " + last + " (height " + info.height() + ")");
        }
        byte[] lastBytes = store.get(store.blocks, StoreLayout.blockKey(last));
        if (lastBytes == null) {
            throw new LedgerException("channel " + channel + ": block " + last + " is missing from the block store"
                    + " (height " + info.height() + "): the store is truncated");
        }
        Block block;
        try {
            block = Block.parseFrom(lastBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("channel " + channel + ": block " + last + " is corrupt in the store", e);
        }
        if (block.getHeader().getNumber() != last
                || !Arrays.equals(BlockHashes.headerHash(block.getHeader()), info.currentHash())
                || !Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), info.previousHash())
                || !Arrays.equals(
                        block.getHeader().getDataHash().toByteArray(), BlockHashes.dataHash(block.getData()))) {
            throw new LedgerException("channel " + channel + ": block " + last
                    + " does not hash to the recorded current block hash: the store is corrupt");
        }
        if (store.get(store.blocks, StoreLayout.blockKey(info.height())) != null) {
            throw new LedgerException("channel " + channel + ": block " + info.height()
                    + " is present above the recorded height " + info.height() + ": the store is corrupt");
        }
        return info;
    }
}
