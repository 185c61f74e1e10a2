package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.shim.Chaincode.Response;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.CompositeKey;
import io.weft.shim.KeyModification;
import io.weft.shim.KeyValue;
import io.weft.shim.QueryResultsIterator;
import io.weft.shim.QueryResultsIteratorWithMetadata;
import io.weft.shim.ShimException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.MetaDataKeys;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;

/**
 * The stub of one transaction: arguments and proposal facts decoded from the INIT/TRANSACTION message, and every
 * ledger call encoded exactly as fabric-chaincode-shim encodes it.
 */
final class InvocationStub implements ChaincodeStub {
    /** Where an unbounded range starts: after U+0000, so composite keys are excluded. */
    private static final String UNSPECIFIED_START_KEY = "\u0001";

    private static final String UNSPECIFIED_END_KEY = "";
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));
    private static final String VALIDATION_PARAMETER = MetaDataKeys.VALIDATION_PARAMETER.name();
    private static final String PUBLIC = "";

    private final String channelId;
    private final String txId;
    private final List<ByteString> args;
    private final SignedProposal signedProposal;
    private final ProposalFacts proposal;
    private final String localMspId;
    private final PeerCalls peer;
    private ChaincodeEvent event;

    private InvocationStub(
            ChaincodeMessage message,
            List<ByteString> args,
            ProposalFacts proposal,
            String localMspId,
            PeerCalls peer) {
        this.channelId = message.getChannelId();
        this.txId = message.getTxid();
        this.args = args;
        this.signedProposal = message.getProposal();
        this.proposal = proposal;
        this.localMspId = localMspId;
        this.peer = peer;
    }

    /**
     * Decodes an INIT or TRANSACTION message.
     *
     * @throws IllegalArgumentException if its {@code ChaincodeInput} or proposal is malformed
     */
    static InvocationStub of(ChaincodeMessage message, String localMspId, PeerCalls peer) {
        ChaincodeInput input;
        try {
            input = ChaincodeInput.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    message.getType() + " payload is not a ChaincodeInput: " + e.getMessage(), e);
        }
        ProposalFacts proposal = ProposalFacts.of(message.getProposal());
        return new InvocationStub(message, List.copyOf(input.getArgsList()), proposal, localMspId, peer);
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(ByteString::toByteArray).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(ByteString::toStringUtf8).toList();
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0).toStringUtf8();
    }

    @Override
    public List<String> getParameters() {
        return args.stream().skip(1).map(ByteString::toStringUtf8).toList();
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public byte[] getState(String key) {
        return peer.call(ChaincodeMessage.Type.GET_STATE, getState(PUBLIC, key)).toByteArray();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        return validationParameter(PUBLIC, key);
    }

    @Override
    public void putState(String key, byte[] value) {
        validateKey(key);
        peer.call(ChaincodeMessage.Type.PUT_STATE, putState(PUBLIC, key, value));
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        validateKey(key);
        setValidationParameter(PUBLIC, key, value);
    }

    @Override
    public void delState(String key) {
        peer.call(ChaincodeMessage.Type.DEL_STATE, delState(PUBLIC, key));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        return range(PUBLIC, startKey, endKey, null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        return range(PUBLIC, startKey, endKey, queryMetadata(pageSize, bookmark));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(toPartialKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = partialKeyPrefix(compositeKey);
        return rangeRequest(PUBLIC, prefix, prefix + MAX_UNICODE_RUNE, null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = partialKeyPrefix(compositeKey);
        return rangeRequest(PUBLIC, prefix, prefix + MAX_UNICODE_RUNE, queryMetadata(pageSize, bookmark));
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
        return richQuery(PUBLIC, query, null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        return richQuery(PUBLIC, query, queryMetadata(pageSize, bookmark));
    }

    /** Sent as {@code GetQueryResult{query=key}}, as fabric-chaincode-shim does (wire-identical field 1). */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        ByteString request = GetQueryResult.newBuilder()
                .setCollection(PUBLIC)
                .setQuery(key)
                .build()
                .toByteString();
        return QueryIterator.start(
                peer, peer.call(ChaincodeMessage.Type.GET_HISTORY_FOR_KEY, request), LedgerRecords::keyModification);
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        validateCollection(collection);
        return peer.call(ChaincodeMessage.Type.GET_STATE, getState(collection, key))
                .toByteArray();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        validateCollection(collection);
        return peer.call(ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH, getState(collection, key))
                .toByteArray();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        validateCollection(collection);
        return validationParameter(collection, key);
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        peer.call(ChaincodeMessage.Type.PUT_STATE, putState(collection, key, value));
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        validateKey(key);
        validateCollection(collection);
        setValidationParameter(collection, key, value);
    }

    @Override
    public void delPrivateData(String collection, String key) {
        validateCollection(collection);
        peer.call(ChaincodeMessage.Type.DEL_STATE, delState(collection, key));
    }

    /** Sent as {@code DelState{key, collection}}, wire-identical to {@code PurgePrivateState}. */
    @Override
    public void purgePrivateData(String collection, String key) {
        validateCollection(collection);
        peer.call(ChaincodeMessage.Type.PURGE_PRIVATE_DATA, delState(collection, key));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        validateCollection(collection);
        return range(collection, startKey, endKey, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        return getPrivateDataByPartialCompositeKey(collection, toPartialKey(compositeKey == null ? "" : compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        validateCollection(collection);
        String prefix = partialKeyPrefix(compositeKey);
        return rangeRequest(collection, prefix, prefix + MAX_UNICODE_RUNE, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        validateCollection(collection);
        return richQuery(collection, query, null);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be empty");
        }
        ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        this.event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        String target = channel == null || channel.isBlank() ? chaincodeName : chaincodeName + "/" + channel;
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        args.forEach(arg -> input.addArgs(ByteString.copyFrom(arg)));
        ByteString request = ChaincodeSpec.newBuilder()
                .setChaincodeId(ChaincodeID.newBuilder().setName(target))
                .setInput(input)
                .build()
                .toByteString();
        ChaincodeMessage answer = parse(peer.call(ChaincodeMessage.Type.INVOKE_CHAINCODE, request), target);
        if (answer.getType() == ChaincodeMessage.Type.COMPLETED) {
            try {
                org.hyperledger.fabric.protos.peer.Response response =
                        org.hyperledger.fabric.protos.peer.Response.parseFrom(answer.getPayload());
                return new Response(
                        response.getStatus(),
                        response.getMessage(),
                        response.getPayload().toByteArray());
            } catch (InvalidProtocolBufferException e) {
                throw new ShimException("chaincode '" + target + "' answered with a malformed Response", e);
            }
        }
        return new Response(
                Response.Status.INTERNAL_SERVER_ERROR, answer.getPayload().toStringUtf8(), null);
    }

    @Override
    public SignedProposal getSignedProposal() {
        return signedProposal;
    }

    @Override
    public Instant getTxTimestamp() {
        return proposal.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return proposal.creator() == null ? null : proposal.creator().toByteArray();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        proposal.transientMap().forEach((key, value) -> copy.put(key, value.toByteArray()));
        return copy;
    }

    @Override
    public byte[] getBinding() {
        return proposal.binding() == null ? null : proposal.binding().toByteArray();
    }

    @Override
    public String getMspId() {
        if (localMspId == null || localMspId.isEmpty()) {
            throw new IllegalStateException("CORE_PEER_LOCALMSPID is unset in the chaincode process");
        }
        return localMspId;
    }

    private QueryResultsIteratorWithMetadata<KeyValue> range(
            String collection, String startKey, String endKey, ByteString metadata) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? UNSPECIFIED_END_KEY : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return rangeRequest(collection, start, end, metadata);
    }

    private QueryResultsIteratorWithMetadata<KeyValue> rangeRequest(
            String collection, String start, String end, ByteString metadata) {
        GetStateByRange.Builder request = GetStateByRange.newBuilder()
                .setCollection(collection)
                .setStartKey(start)
                .setEndKey(end);
        if (metadata != null) {
            request.setMetadata(metadata);
        }
        return QueryIterator.start(
                peer,
                peer.call(
                        ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                        request.build().toByteString()),
                LedgerRecords::keyValue);
    }

    private QueryResultsIteratorWithMetadata<KeyValue> richQuery(String collection, String query, ByteString metadata) {
        GetQueryResult.Builder request =
                GetQueryResult.newBuilder().setCollection(collection).setQuery(query);
        if (metadata != null) {
            request.setMetadata(metadata);
        }
        return QueryIterator.start(
                peer,
                peer.call(
                        ChaincodeMessage.Type.GET_QUERY_RESULT, request.build().toByteString()),
                LedgerRecords::keyValue);
    }

    private byte[] validationParameter(String collection, String key) {
        ByteString request = GetStateMetadata.newBuilder()
                .setCollection(collection)
                .setKey(key)
                .build()
                .toByteString();
        ByteString answer = peer.call(ChaincodeMessage.Type.GET_STATE_METADATA, request);
        try {
            for (StateMetadata entry : StateMetadataResult.parseFrom(answer).getEntriesList()) {
                if (VALIDATION_PARAMETER.equals(entry.getMetakey())) {
                    return entry.getValue().toByteArray();
                }
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException(
                    "peer answered GET_STATE_METADATA for key '" + key + "' with a malformed StateMetadataResult", e);
        }
    }

    private void setValidationParameter(String collection, String key, byte[] value) {
        ByteString request = PutStateMetadata.newBuilder()
                .setCollection(collection)
                .setKey(key)
                .setMetadata(StateMetadata.newBuilder()
                        .setMetakey(VALIDATION_PARAMETER)
                        .setValue(ByteString.copyFrom(value)))
                .build()
                .toByteString();
        peer.call(ChaincodeMessage.Type.PUT_STATE_METADATA, request);
    }

    private static ByteString getState(String collection, String key) {
        return GetState.newBuilder()
                .setCollection(collection)
                .setKey(key)
                .build()
                .toByteString();
    }

    private static ByteString putState(String collection, String key, byte[] value) {
        Objects.requireNonNull(value, "value cannot be null");
        return PutState.newBuilder()
                .setCollection(collection)
                .setKey(key)
                .setValue(ByteString.copyFrom(value))
                .build()
                .toByteString();
    }

    private static ByteString delState(String collection, String key) {
        return DelState.newBuilder()
                .setCollection(collection)
                .setKey(key)
                .build()
                .toByteString();
    }

    private static ByteString queryMetadata(int pageSize, String bookmark) {
        return QueryMetadata.newBuilder()
                .setPageSize(pageSize)
                .setBookmark(bookmark == null ? "" : bookmark)
                .build()
                .toByteString();
    }

    private static CompositeKey toPartialKey(String compositeKey) {
        return compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
    }

    private static String partialKeyPrefix(CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private static ChaincodeMessage parse(ByteString payload, String target) {
        try {
            return ChaincodeMessage.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException(
                    "peer answered INVOKE_CHAINCODE of '" + target + "' with a payload that is not a ChaincodeMessage",
                    e);
        }
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be an empty string");
        }
    }

    private static void validateCollection(String collection) {
        Objects.requireNonNull(collection, "collection cannot be null");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("collection must not be an empty string");
        }
    }
}
