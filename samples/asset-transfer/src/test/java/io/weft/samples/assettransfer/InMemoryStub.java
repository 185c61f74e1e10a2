package io.weft.samples.assettransfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weft.shim.Chaincode.Response;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.CompositeKey;
import io.weft.shim.KeyModification;
import io.weft.shim.KeyValue;
import io.weft.shim.QueryResultsIterator;
import io.weft.shim.QueryResultsIteratorWithMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A world state in memory for unit tests: state and history survive across transactions ({@link #next}); each
 * transaction has its own arguments, ID and event. Calls the sample does not use throw.
 */
final class InMemoryStub implements ChaincodeStub {
    private final NavigableMap<String, byte[]> state;
    private final Map<String, List<KeyModification>> history;
    private final String txId;
    private final List<String> args;
    private ChaincodeEvent event;

    InMemoryStub() {
        this(new TreeMap<>(), new TreeMap<>(), "tx0", List.of());
    }

    private InMemoryStub(
            NavigableMap<String, byte[]> state,
            Map<String, List<KeyModification>> history,
            String txId,
            List<String> args) {
        this.state = state;
        this.history = history;
        this.txId = txId;
        this.args = args;
    }

    /** The next transaction on the same world state. */
    InMemoryStub next(String nextTxId, String... arguments) {
        return new InMemoryStub(state, history, nextTxId, List.of(arguments));
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(a -> a.getBytes(UTF_8)).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.subList(Math.min(1, args.size()), args.size());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return "mychannel";
    }

    @Override
    public byte[] getState(String key) {
        return state.getOrDefault(key, new byte[0]).clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        state.put(key, value.clone());
        record(key, value, false);
    }

    @Override
    public void delState(String key) {
        state.remove(key);
        record(key, new byte[0], true);
    }

    private void record(String key, byte[] value, boolean deleted) {
        history.computeIfAbsent(key, k -> new ArrayList<>()).add(0, new Modification(txId, value, deleted));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = startKey.isEmpty() ? "\u0001" : startKey;
        NavigableMap<String, byte[]> range =
                endKey.isEmpty() ? state.tailMap(start, true) : state.subMap(start, true, endKey, false);
        List<KeyValue> values = new ArrayList<>();
        range.forEach((key, value) -> values.add(new Entry(key, value)));
        return iterator(values);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        return iterator(List.copyOf(history.getOrDefault(key, List.of())));
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        event = ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
                .build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    private static <T> QueryResultsIterator<T> iterator(List<T> values) {
        return new QueryResultsIterator<>() {
            @Override
            public Iterator<T> iterator() {
                return values.iterator();
            }

            @Override
            public void close() {}
        };
    }

    private record Entry(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }
    }

    private record Modification(String txId, byte[] value, boolean deleted) implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return Instant.ofEpochSecond(1_700_000_000);
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by the asset-transfer sample");
    }

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unused();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unused();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unused();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unused();
    }

    @Override
    public SignedProposal getSignedProposal() {
        return SignedProposal.getDefaultInstance();
    }

    @Override
    public Instant getTxTimestamp() {
        return Instant.ofEpochSecond(1_700_000_000);
    }

    @Override
    public byte[] getCreator() {
        return null;
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        return null;
    }

    @Override
    public String getMspId() {
        return "Org1MSP";
    }
}
