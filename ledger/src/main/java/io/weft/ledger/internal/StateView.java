package io.weft.ledger.internal;

import java.util.Iterator;
import java.util.Map;

/** Committed state as raw store records, for validation. */
public interface StateView {
    /** The stored {@link StateRecord} bytes of a state key, or null. */
    byte[] get(byte[] stateKey);

    /** Records of many keys in one call (null for absent keys), in the order of {@code stateKeys}. */
    default java.util.List<byte[]> getAll(java.util.List<byte[]> stateKeys) {
        java.util.List<byte[]> out = new java.util.ArrayList<>(stateKeys.size());
        for (byte[] key : stateKeys) {
            out.add(get(key));
        }
        return out;
    }

    /** Records of {@code [from, to)} in unsigned byte order; the caller closes the iterator. */
    RawIterator range(byte[] from, byte[] toExclusive);

    /** An iterator over raw store entries that must be closed. */
    interface RawIterator extends Iterator<Map.Entry<byte[], byte[]>>, AutoCloseable {
        @Override
        void close();
    }
}
