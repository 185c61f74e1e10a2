package io.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.HistoryReader;
import io.weft.ledger.KeyValue;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.StatePage;
import io.weft.ledger.TxSimulator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;

/**
 * Serves the shim's state requests of one transaction from its simulator (fabric-protocol.md §1.4-1.5): each method
 * returns the RESPONSE payload or throws; the stream handler turns exceptions into ERROR messages. Stateless; the
 * transaction's iterators live in its {@link TransactionContext}.
 */
final class ShimRequests {
    static final String PRIVATE_DATA_NOT_SUPPORTED = "private data is not supported by Weft";
    static final String RICH_QUERIES_NOT_SUPPORTED =
            "rich queries are not supported: Weft's state database has no JSON query (CouchDB) support";

    private final int totalQueryLimit;

    ShimRequests(int totalQueryLimit) {
        this.totalQueryLimit = totalQueryLimit;
    }

    /** The RESPONSE payload for a request of any type but INVOKE_CHAINCODE. */
    ByteString serve(TransactionContext ctx, ChaincodeMessage msg) throws InvalidProtocolBufferException {
        ByteString payload = msg.getPayload();
        return switch (msg.getType()) {
            case GET_STATE -> getState(ctx, GetState.parseFrom(payload));
            case PUT_STATE -> putState(ctx, PutState.parseFrom(payload));
            case DEL_STATE -> delState(ctx, DelState.parseFrom(payload));
            case GET_STATE_METADATA -> getStateMetadata(ctx, GetStateMetadata.parseFrom(payload));
            case PUT_STATE_METADATA -> putStateMetadata(ctx, PutStateMetadata.parseFrom(payload));
            case GET_STATE_BY_RANGE -> getStateByRange(ctx, GetStateByRange.parseFrom(payload));
            case QUERY_STATE_NEXT -> queryStateNext(ctx, QueryStateNext.parseFrom(payload));
            case QUERY_STATE_CLOSE -> queryStateClose(ctx, QueryStateClose.parseFrom(payload));
            // the Java shim encodes this request as GetQueryResult{query = key}: the same wire field 1 string
            case GET_HISTORY_FOR_KEY -> getHistoryForKey(ctx, GetHistoryForKey.parseFrom(payload));
            case GET_QUERY_RESULT -> throw new ChaincodeException(RICH_QUERIES_NOT_SUPPORTED);
            case GET_PRIVATE_DATA_HASH, PURGE_PRIVATE_DATA -> throw new ChaincodeException(PRIVATE_DATA_NOT_SUPPORTED);
            default ->
                throw new ChaincodeException(
                        msg.getType() + " is not supported by this peer (Weft does not advertise it in READY)");
        };
    }

    private static ByteString getState(TransactionContext ctx, GetState request) {
        requirePublic(request.getCollection());
        return simulator(ctx).getState(ctx.namespace(), request.getKey()).orElse(ByteString.EMPTY);
    }

    private static ByteString putState(TransactionContext ctx, PutState request) {
        requirePublic(request.getCollection());
        simulator(ctx).setState(ctx.namespace(), request.getKey(), request.getValue());
        return ByteString.EMPTY;
    }

    private static ByteString delState(TransactionContext ctx, DelState request) {
        requirePublic(request.getCollection());
        simulator(ctx).deleteState(ctx.namespace(), request.getKey());
        return ByteString.EMPTY;
    }

    private static ByteString getStateMetadata(TransactionContext ctx, GetStateMetadata request) {
        requirePublic(request.getCollection());
        Map<String, ByteString> metadata = simulator(ctx).getStateMetadata(ctx.namespace(), request.getKey());
        StateMetadataResult.Builder result = StateMetadataResult.newBuilder();
        // Fabric ranges over a Go map (random order); sorted entries keep endorsements deterministic
        new TreeMap<>(metadata)
                .forEach((name, value) -> result.addEntries(
                        StateMetadata.newBuilder().setMetakey(name).setValue(value)));
        return result.build().toByteString();
    }

    private static ByteString putStateMetadata(TransactionContext ctx, PutStateMetadata request) {
        requirePublic(request.getCollection());
        if (!request.hasMetadata()) {
            throw new ChaincodeException("PutStateMetadata without metadata (key " + request.getKey() + ")");
        }
        // as Fabric: one metakey per message, written as the key's whole metadata
        StateMetadata entry = request.getMetadata();
        simulator(ctx)
                .setStateMetadata(ctx.namespace(), request.getKey(), Map.of(entry.getMetakey(), entry.getValue()));
        return ByteString.EMPTY;
    }

    private ByteString getStateByRange(TransactionContext ctx, GetStateByRange request)
            throws InvalidProtocolBufferException {
        requirePublic(request.getCollection());
        QueryMetadata metadata =
                request.getMetadata().isEmpty() ? null : QueryMetadata.parseFrom(request.getMetadata());
        String id = UUID.randomUUID().toString();
        if (metadata != null
                && (metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty())) {
            return paginatedRange(ctx, request, metadata, id);
        }
        ResultsIterator<KeyValue> range =
                simulator(ctx).getStateRangeScanIterator(ctx.namespace(), request.getStartKey(), request.getEndKey());
        return firstBatch(ctx, id, new QueryIterator<>(range, ShimRequests::encode, totalQueryLimit));
    }

    private ByteString paginatedRange(
            TransactionContext ctx, GetStateByRange request, QueryMetadata metadata, String id) {
        if (metadata.getPageSize() < 0) {
            throw new ChaincodeException("page size must be >= 0, was " + metadata.getPageSize());
        }
        int pageSize =
                metadata.getPageSize() == 0 ? totalQueryLimit : Math.min(metadata.getPageSize(), totalQueryLimit);
        StatePage page = simulator(ctx)
                .getStateRangePage(
                        ctx.namespace(), request.getStartKey(), request.getEndKey(), pageSize, metadata.getBookmark());
        QueryResponse.Builder response =
                QueryResponse.newBuilder().setHasMore(false).setId(id);
        for (KeyValue kv : page.results()) {
            response.addResults(QueryResultBytes.newBuilder().setResultBytes(encode(kv)));
        }
        response.setMetadata(QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.fetchedRecordsCount())
                .setBookmark(page.bookmark())
                .build()
                .toByteString());
        return response.build().toByteString();
    }

    private static ByteString queryStateNext(TransactionContext ctx, QueryStateNext request) {
        QueryIterator<?> iterator = ctx.iterator(request.getId());
        if (iterator == null) {
            throw new ChaincodeException("query iterator not found (id " + request.getId() + ")");
        }
        QueryResponse response;
        try {
            response = iterator.nextBatch(request.getId());
        } catch (RuntimeException e) {
            ctx.closeIterator(request.getId());
            throw e;
        }
        if (!response.getHasMore()) {
            ctx.closeIterator(request.getId());
        }
        return response.toByteString();
    }

    private static ByteString queryStateClose(TransactionContext ctx, QueryStateClose request) {
        ctx.closeIterator(request.getId());
        return QueryResponse.newBuilder()
                .setHasMore(false)
                .setId(request.getId())
                .build()
                .toByteString();
    }

    private ByteString getHistoryForKey(TransactionContext ctx, GetHistoryForKey request) {
        HistoryReader history = ctx.invocation().historyReader();
        if (history == null) {
            throw new ChaincodeException("history database is not enabled");
        }
        ResultsIterator<KeyModification> modifications = history.getHistoryForKey(ctx.namespace(), request.getKey());
        return firstBatch(
                ctx,
                UUID.randomUUID().toString(),
                new QueryIterator<>(modifications, KeyModification::toByteString, totalQueryLimit));
    }

    private static ByteString firstBatch(TransactionContext ctx, String id, QueryIterator<?> iterator) {
        QueryResponse response;
        try {
            response = iterator.nextBatch(id);
        } catch (RuntimeException e) {
            iterator.close();
            throw e;
        }
        if (response.getHasMore()) {
            ctx.addIterator(id, iterator);
        }
        return response.toByteString();
    }

    private static ByteString encode(KeyValue kv) {
        return KV.newBuilder()
                .setNamespace(kv.namespace())
                .setKey(kv.key())
                .setValue(kv.value())
                .build()
                .toByteString();
    }

    private static TxSimulator simulator(TransactionContext ctx) {
        return ctx.invocation().simulator();
    }

    private static void requirePublic(String collection) {
        if (!collection.isEmpty()) {
            throw new ChaincodeException(PRIVATE_DATA_NOT_SUPPORTED + " (collection " + collection + ")");
        }
    }
}
