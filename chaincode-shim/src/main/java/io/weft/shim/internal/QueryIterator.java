package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.shim.QueryResultsIteratorWithMetadata;
import io.weft.shim.ShimException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;

/**
 * Iterates the batches of a peer-side iterator: the first {@code QueryResponse} comes with the query; while
 * {@code has_more} is set, QUERY_STATE_NEXT fetches the next batch; {@link #close()} sends QUERY_STATE_CLOSE once.
 * Used by one transaction thread.
 */
final class QueryIterator<T> implements QueryResultsIteratorWithMetadata<T> {
    private final PeerCalls peer;
    private final Function<ByteString, T> decoder;
    private final QueryResponseMetadata metadata;
    private QueryResponse batch;
    private int position;
    private boolean closed;

    private QueryIterator(PeerCalls peer, QueryResponse first, Function<ByteString, T> decoder) {
        this.peer = peer;
        this.batch = first;
        this.decoder = decoder;
        this.metadata = parseMetadata(first.getMetadata());
    }

    /** Starts iterating from the RESPONSE payload of the query request. */
    static <T> QueryIterator<T> start(PeerCalls peer, ByteString firstResponse, Function<ByteString, T> decoder) {
        return new QueryIterator<>(peer, parseResponse(firstResponse), decoder);
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return QueryIterator.this.hasNext();
            }

            @Override
            public T next() {
                return QueryIterator.this.next();
            }
        };
    }

    private boolean hasNext() {
        while (!closed && position >= batch.getResultsCount() && batch.getHasMore()) {
            fetchNext();
        }
        return !closed && position < batch.getResultsCount();
    }

    private T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more query results");
        }
        QueryResultBytes result = batch.getResults(position++);
        return decoder.apply(result.getResultBytes());
    }

    private void fetchNext() {
        ByteString request =
                QueryStateNext.newBuilder().setId(batch.getId()).build().toByteString();
        batch = parseResponse(peer.call(ChaincodeMessage.Type.QUERY_STATE_NEXT, request));
        position = 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ByteString request =
                QueryStateClose.newBuilder().setId(batch.getId()).build().toByteString();
        peer.call(ChaincodeMessage.Type.QUERY_STATE_CLOSE, request);
    }

    private static QueryResponse parseResponse(ByteString payload) {
        try {
            return QueryResponse.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException("peer answered a query with a malformed QueryResponse: " + e.getMessage(), e);
        }
    }

    private static QueryResponseMetadata parseMetadata(ByteString bytes) {
        try {
            return QueryResponseMetadata.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException("peer answered a query with malformed QueryResponseMetadata: " + e.getMessage(), e);
        }
    }
}
