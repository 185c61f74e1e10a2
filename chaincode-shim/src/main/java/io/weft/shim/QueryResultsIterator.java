package io.weft.shim;

/**
 * Results of a query, fetched from the peer in batches as they are iterated. {@link #close()} releases the peer's
 * iterator; the peer also closes it when the transaction ends.
 */
public interface QueryResultsIterator<T> extends Iterable<T>, AutoCloseable {
    @Override
    void close();
}
