package io.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import io.weft.ledger.ResultsIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * A range or history query open on behalf of a chaincode, answered in batches as Fabric's peer does: at most {@value
 * #BATCH_SIZE} results per {@code QueryResponse}; to know whether more follow, the peer reads one result ahead and
 * keeps it for the next batch (so the ledger's range record ends at the same key as on a Fabric peer); the iteration
 * ends silently at {@code ledger.state.totalQueryLimit} results. Used by one request at a time.
 */
final class QueryIterator<T> {
    /** Fabric's hard-coded {@code maxResultLimit} between peer and shim. */
    static final int BATCH_SIZE = 100;

    private final ResultsIterator<T> source;
    private final Function<T, ByteString> encoder;
    private final int totalLimit;
    private final List<QueryResultBytes> pending = new ArrayList<>();
    private int counted;
    private boolean closed;

    QueryIterator(ResultsIterator<T> source, Function<T, ByteString> encoder, int totalLimit) {
        this.source = source;
        this.encoder = encoder;
        this.totalLimit = totalLimit;
    }

    /**
     * The next batch. When it is the last one ({@code has_more=false}) the source is exhausted or the limit reached,
     * and the caller should forget the iterator (it has been closed).
     */
    QueryResponse nextBatch(String id) {
        while (true) {
            if (counted >= totalLimit || !source.hasNext()) {
                return last(id);
            }
            ByteString result = encoder.apply(source.next());
            counted++;
            if (pending.size() == BATCH_SIZE) {
                QueryResponse batch = QueryResponse.newBuilder()
                        .addAllResults(pending)
                        .setHasMore(true)
                        .setId(id)
                        .build();
                pending.clear();
                pending.add(wrap(result));
                return batch;
            }
            pending.add(wrap(result));
        }
    }

    private QueryResponse last(String id) {
        QueryResponse batch = QueryResponse.newBuilder()
                .addAllResults(pending)
                .setHasMore(false)
                .setId(id)
                .build();
        pending.clear();
        close();
        return batch;
    }

    private static QueryResultBytes wrap(ByteString bytes) {
        return QueryResultBytes.newBuilder().setResultBytes(bytes).build();
    }

    void close() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }
}
