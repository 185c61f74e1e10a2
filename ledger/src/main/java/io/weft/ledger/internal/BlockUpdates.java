package io.weft.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What one block changes: final per-transaction codes, state writes (record bytes, or null for a delete) keyed by
 * state key in unsigned byte order, and history entries in block order.
 */
public final class BlockUpdates {
    private final TxValidationCode[] codes;
    private final NavigableMap<ByteKey, byte[]> state = new TreeMap<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final java.util.Set<String> namespacesWithMetadata = new java.util.TreeSet<>();

    public BlockUpdates(int txCount) {
        this.codes = new TxValidationCode[txCount];
    }

    public TxValidationCode[] codes() {
        return codes;
    }

    /** State key to new record bytes, or to null for a delete. */
    public NavigableMap<ByteKey, byte[]> state() {
        return state;
    }

    public List<HistoryEntry> history() {
        return history;
    }

    /** Namespaces in which a valid transaction of the block set key metadata (see {@code mayHaveStateMetadata}). */
    public java.util.Set<String> namespacesWithMetadata() {
        return namespacesWithMetadata;
    }

    /** TRANSACTIONS_FILTER: one byte per transaction. */
    public byte[] transactionsFilter() {
        byte[] filter = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            filter[i] = (byte) codes[i].getNumber();
        }
        return filter;
    }
}
