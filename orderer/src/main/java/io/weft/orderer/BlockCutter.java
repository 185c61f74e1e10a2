package io.weft.orderer;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's block cutting rules over a stream of ordered envelopes, as a pure state machine (the caller owns the timer
 * and the thread). Not thread-safe.
 */
public final class BlockCutter {
    private BatchSettings settings;
    private final List<ByteString> pending = new ArrayList<>();
    private long pendingBytes;

    public BlockCutter(BatchSettings settings) {
        this.settings = settings;
    }

    /** Applies new batch settings (a config block changed them); they take effect with the next envelope. */
    public void update(BatchSettings newSettings) {
        this.settings = newSettings;
    }

    /**
     * Adds one envelope and returns the batches that are now complete, oldest first (zero, one or two of them).
     *
     * @throws IllegalArgumentException when the envelope exceeds AbsoluteMaxBytes (Broadcast should have refused it)
     */
    public List<List<ByteString>> ordered(ByteString envelope) {
        long size = envelope.size();
        if (size > settings.absoluteMaxBytes()) {
            throw new IllegalArgumentException(
                    "envelope of " + size + " bytes exceeds BatchSize.AbsoluteMaxBytes " + settings.absoluteMaxBytes());
        }
        List<List<ByteString>> batches = new ArrayList<>(2);
        if (size > settings.preferredMaxBytes()) {
            // larger than a preferred block: it goes alone, after whatever was pending
            if (!pending.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(envelope));
            return batches;
        }
        if (pendingBytes + size > settings.preferredMaxBytes() && !pending.isEmpty()) {
            batches.add(cut());
        }
        pending.add(envelope);
        pendingBytes += size;
        if (pending.size() >= settings.maxMessageCount()) {
            batches.add(cut());
        }
        return batches;
    }

    /** Cuts whatever is pending (the batch timer fired); empty when nothing is. */
    public List<ByteString> cut() {
        List<ByteString> batch = List.copyOf(pending);
        pending.clear();
        pendingBytes = 0;
        return batch;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }
}
