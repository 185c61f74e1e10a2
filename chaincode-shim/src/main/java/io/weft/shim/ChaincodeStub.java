package io.weft.shim;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weft.shim.Chaincode.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a transaction sees of the peer: its arguments and proposal, and the ledger calls, each a request on the
 * chaincode stream answered by the peer's transaction simulator. Method names and semantics are those of
 * fabric-chaincode-shim's {@code org.hyperledger.fabric.shim.ChaincodeStub}, so porting a chaincode means changing
 * imports.
 *
 * <p>A stub belongs to one transaction and one thread. A call the peer refuses throws {@link ShimException} with the
 * peer's message.
 */
public interface ChaincodeStub {
    /** All arguments, the function name first. */
    List<byte[]> getArgs();

    /** All arguments decoded as UTF-8, the function name first. */
    List<String> getStringArgs();

    /** The first argument, or null when there is none. */
    String getFunction();

    /** The arguments after the function name, decoded as UTF-8. */
    List<String> getParameters();

    String getTxId();

    String getChannelId();

    /**
     * Calls another chaincode in this transaction. On the same channel its writes join this transaction; on another
     * channel ({@code channel} non-blank) the call is read-only.
     */
    Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel);

    /** The value of a key, or an empty array when the key does not exist. */
    byte[] getState(String key);

    /** The key-level endorsement policy of a key, or null when it has none. */
    byte[] getStateValidationParameter(String key);

    void putState(String key, byte[] value);

    void setStateValidationParameter(String key, byte[] value);

    void delState(String key);

    /**
     * Keys in [startKey, endKey) in UTF-8 byte order; an empty start means the first key, an empty end the last.
     * Composite keys are never returned.
     */
    QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey);

    /** One page of a range query; a transaction that pages may not write. */
    QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark);

    /** Keys under a partial composite key, given encoded or as an object type alone. */
    QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey);

    QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes);

    QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey);

    QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark);

    CompositeKey createCompositeKey(String objectType, String... attributes);

    CompositeKey splitCompositeKey(String compositeKey);

    /** A rich (CouchDB JSON) query; a peer without a rich-query state database refuses it. */
    QueryResultsIterator<KeyValue> getQueryResult(String query);

    QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark);

    /** The committed modifications of a key, newest first. */
    QueryResultsIterator<KeyModification> getHistoryForKey(String key);

    byte[] getPrivateData(String collection, String key);

    /** The SHA-256 of a private value (readable without collection membership), or empty when absent. */
    byte[] getPrivateDataHash(String collection, String key);

    byte[] getPrivateDataValidationParameter(String collection, String key);

    void putPrivateData(String collection, String key, byte[] value);

    void setPrivateDataValidationParameter(String collection, String key, byte[] value);

    void delPrivateData(String collection, String key);

    void purgePrivateData(String collection, String key);

    QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey);

    QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey);

    QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey);

    QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes);

    QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query);

    /** Sets the transaction's event (one per transaction; a later call replaces it). */
    void setEvent(String name, byte[] payload);

    /** The event set by {@link #setEvent}, or null. */
    ChaincodeEvent getEvent();

    /** The client's signed proposal as the peer sent it. */
    SignedProposal getSignedProposal();

    /** The proposal's timestamp, or null for a call without a proposal. */
    Instant getTxTimestamp();

    /** The serialized identity of the client that signed the proposal, or null. */
    byte[] getCreator();

    /** The proposal's transient map (never written to the ledger). */
    Map<String, byte[]> getTransient();

    /** SHA-256(nonce || creator || epoch as 8 bytes little-endian), or null. */
    byte[] getBinding();

    /** The MSP ID of the peer that runs this chaincode ({@code CORE_PEER_LOCALMSPID}). */
    String getMspId();

    default Response invokeChaincode(String chaincodeName, List<byte[]> args) {
        return invokeChaincode(chaincodeName, args, null);
    }

    default Response invokeChaincodeWithStringArgs(String chaincodeName, List<String> args, String channel) {
        return invokeChaincode(
                chaincodeName, args.stream().map(arg -> arg.getBytes(UTF_8)).toList(), channel);
    }

    default Response invokeChaincodeWithStringArgs(String chaincodeName, List<String> args) {
        return invokeChaincodeWithStringArgs(chaincodeName, args, null);
    }

    default Response invokeChaincodeWithStringArgs(String chaincodeName, String... args) {
        return invokeChaincodeWithStringArgs(chaincodeName, Arrays.asList(args), null);
    }

    /** The value of a key decoded as UTF-8; empty when the key does not exist. */
    default String getStringState(String key) {
        return new String(getState(key), UTF_8);
    }

    default void putStringState(String key, String value) {
        putState(key, value.getBytes(UTF_8));
    }

    default void putPrivateData(String collection, String key, String value) {
        putPrivateData(collection, key, value.getBytes(UTF_8));
    }

    default String getPrivateDataUTF8(String collection, String key) {
        return new String(getPrivateData(collection, key), UTF_8);
    }
}
