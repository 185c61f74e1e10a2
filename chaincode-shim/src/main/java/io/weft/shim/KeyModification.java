package io.weft.shim;

import java.time.Instant;

/** One entry of a key's history: the transaction that wrote (or deleted) it, newest first. */
public interface KeyModification {
    String getTxId();

    byte[] getValue();

    /** The value decoded as UTF-8. */
    String getStringValue();

    /** The timestamp of the writing transaction's proposal. */
    Instant getTimestamp();

    boolean isDeleted();
}
