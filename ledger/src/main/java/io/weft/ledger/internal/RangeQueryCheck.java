package io.weft.ledger.internal;

import io.weft.ledger.Version;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * The phantom check of one {@link RangeQueryInfo}: re-runs the range over committed state merged with the block's
 * pending writes (end inclusive when the simulation did not exhaust the iterator) and requires exactly the recorded
 * (key, version) sequence. A merkle summary instead of raw reads is not supported and counts as a mismatch.
 */
final class RangeQueryCheck {
    private final StateView committed;
    private final NavigableMap<ByteKey, byte[]> pending;
    private final byte[] prefix;
    private final RangeQueryInfo rqi;

    RangeQueryCheck(StateView committed, NavigableMap<ByteKey, byte[]> pending, byte[] prefix, RangeQueryInfo rqi) {
        this.committed = committed;
        this.pending = pending;
        this.prefix = prefix;
        this.rqi = rqi;
    }

    boolean matches() {
        if (rqi.hasReadsMerkleHashes()) {
            return false;
        }
        byte[] from = Keys.stateKey(prefix, rqi.getStartKey());
        byte[] to;
        if (rqi.getEndKey().isEmpty()) {
            to = Keys.concat(java.util.Arrays.copyOf(prefix, prefix.length - 1), new byte[] {1});
        } else if (rqi.getItrExhausted()) {
            to = Keys.stateKey(prefix, rqi.getEndKey());
        } else {
            to = Keys.concat(Keys.stateKey(prefix, rqi.getEndKey()), new byte[] {0}); // inclusive end
        }
        Iterator<KVRead> expected = rqi.getRawReads().getKvReadsList().iterator();
        try (MergedRange actual = new MergedRange(committed.range(from, to), pending, from, to)) {
            while (expected.hasNext()) {
                if (!actual.hasNext()) {
                    return false;
                }
                Map.Entry<byte[], byte[]> entry = actual.next();
                KVRead read = expected.next();
                if (!Keys.keyOf(entry.getKey(), prefix.length).equals(read.getKey())) {
                    return false;
                }
                Version version = StateRecord.decodeVersion(entry.getValue());
                Version readVersion = read.hasVersion()
                        ? new Version(
                                read.getVersion().getBlockNum(),
                                read.getVersion().getTxNum())
                        : null;
                if (!Objects.equals(version, readVersion)) {
                    return false;
                }
            }
            return !actual.hasNext();
        }
    }
}
