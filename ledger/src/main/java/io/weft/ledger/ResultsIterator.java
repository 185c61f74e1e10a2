package io.weft.ledger;

import java.util.Iterator;

/** An iterator over query results that holds ledger resources until closed. */
public interface ResultsIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
