package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

/** One valid write of a key, as the history index records it. */
public record HistoryEntry(
        String namespace,
        String key,
        long blockNum,
        long txNum,
        String txId,
        Timestamp timestamp,
        boolean isDelete,
        ByteString value) {}
