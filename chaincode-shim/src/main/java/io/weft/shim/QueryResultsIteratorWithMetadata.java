package io.weft.shim;

import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;

/** One page of a paginated query, with the number of records fetched and the bookmark of the next page. */
public interface QueryResultsIteratorWithMetadata<T> extends QueryResultsIterator<T> {
    QueryResponseMetadata getMetadata();
}
