package io.weft.ledger;

import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/** The history of keys: every valid transaction that wrote or deleted a key, newest first. */
public interface HistoryReader {
    ResultsIterator<KeyModification> getHistoryForKey(String namespace, String key);
}
