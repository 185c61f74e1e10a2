package io.weft.msp.internal;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Signatures that verified recently, so that the same (key, message, signature) is not verified twice: a peer checks a
 * proposal's signature for authentication and again for its ACL policy, a gateway evaluates the endorsement policy
 * over the endorsements it collected once per added endorser, and its committer then verifies the same endorsements
 * in the block. A hit needs the very same key, signature bytes and message bytes as a verification that succeeded,
 * so the answer is the one verifying again would give. Failures are never remembered.
 *
 * <p>A fixed number of slots chosen by the signature's hash (a newer entry replaces an older one in its slot): the
 * memory is bounded by slots x the largest remembered message, lookups take no lock, and a miss costs a hash of the
 * ~70-byte signature.
 */
public final class VerifiedSignatures {
    /** Messages above this are not remembered (proposals and endorsements are a few KB). */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private record Entry(PublicKey key, byte[] message, byte[] signature) {}

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** @param slots a power of two */
    public VerifiedSignatures(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, was " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** True if exactly this key, message and signature verified before (and are still remembered). */
    public boolean contains(PublicKey key, byte[] message, byte[] signature) {
        Entry entry = slots.get(slot(signature));
        return entry != null
                && Arrays.equals(entry.signature, signature)
                && Arrays.equals(entry.message, message)
                && (entry.key == key || entry.key.equals(key));
    }

    /** Remembers a verification that succeeded (copies of the arrays: callers may reuse theirs). */
    public void add(PublicKey key, byte[] message, byte[] signature) {
        if (message.length <= MAX_MESSAGE_BYTES) {
            slots.set(slot(signature), new Entry(key, message.clone(), signature.clone()));
        }
    }

    private int slot(byte[] signature) {
        int hash = Arrays.hashCode(signature);
        return (hash ^ (hash >>> 16)) & mask;
    }
}
