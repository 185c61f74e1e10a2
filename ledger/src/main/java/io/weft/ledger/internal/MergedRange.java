package io.weft.ledger.internal;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;

/** Committed records of a range overlaid with pending writes (a null pending value hides the key). */
final class MergedRange implements StateView.RawIterator {
    private final StateView.RawIterator base;
    private final Iterator<Map.Entry<ByteKey, byte[]>> overlay;
    private Map.Entry<byte[], byte[]> nextBase;
    private Map.Entry<ByteKey, byte[]> nextOverlay;
    private Map.Entry<byte[], byte[]> next;

    MergedRange(StateView.RawIterator base, NavigableMap<ByteKey, byte[]> pending, byte[] from, byte[] to) {
        this.base = base;
        this.overlay = pending.subMap(new ByteKey(from), true, new ByteKey(to), false)
                .entrySet()
                .iterator();
        this.nextBase = base.hasNext() ? base.next() : null;
        this.nextOverlay = overlay.hasNext() ? overlay.next() : null;
    }

    @Override
    public boolean hasNext() {
        while (next == null && (nextBase != null || nextOverlay != null)) {
            int c = nextBase == null
                    ? 1
                    : nextOverlay == null
                            ? -1
                            : Keys.compare(
                                    nextBase.getKey(), nextOverlay.getKey().bytes());
            if (c < 0) {
                next = nextBase;
                nextBase = base.hasNext() ? base.next() : null;
            } else {
                if (nextOverlay.getValue() != null) {
                    next = new AbstractMap.SimpleImmutableEntry<>(
                            nextOverlay.getKey().bytes(), nextOverlay.getValue());
                }
                if (c == 0) {
                    nextBase = base.hasNext() ? base.next() : null;
                }
                nextOverlay = overlay.hasNext() ? overlay.next() : null;
            }
        }
        return next != null;
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map.Entry<byte[], byte[]> out = next;
        next = null;
        return out;
    }

    @Override
    public void close() {
        base.close();
    }
}
