package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.SigningIdentity;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Builds a Fabric endorser transaction envelope exactly as a client and its endorsing peers do
 * (fabric-protocol.md §2.1, §2.5-2.7, §3.1): the proposal header and payload, the ProposalResponsePayload with the
 * proposal hash and the ChaincodeAction, endorsements over {@code prpBytes || endorser}, the Transaction with one
 * action, and the envelope signed by the client. Hooks let tests break one part at a time.
 */
public final class EndorserTransactions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String channelId;
    private final SigningIdentity client;
    private final String chaincode;
    private final Map<String, KVRWSet.Builder> namespaces = new LinkedHashMap<>();
    private final List<SigningIdentity> endorsers = new ArrayList<>();
    private String version = "1.0";
    private ByteString event = ByteString.EMPTY;
    private ByteString resultsOverride;
    private ByteString headerExtensionOverride;
    private ByteString actionOverride;
    private ByteString proposalHashOverride;
    private ByteString creatorOverride;
    private UnaryOperator<ChannelHeader.Builder> channelHeaderHook = UnaryOperator.identity();
    private UnaryOperator<ChaincodeAction.Builder> actionHook = UnaryOperator.identity();

    private EndorserTransactions(String channelId, SigningIdentity client, String chaincode) {
        this.channelId = channelId;
        this.client = client;
        this.chaincode = chaincode;
    }

    public static EndorserTransactions of(String channelId, SigningIdentity client, String chaincode) {
        return new EndorserTransactions(channelId, client, chaincode);
    }

    public EndorserTransactions endorsedBy(SigningIdentity... peers) {
        endorsers.addAll(List.of(peers));
        return this;
    }

    public EndorserTransactions version(String value) {
        version = value;
        return this;
    }

    public EndorserTransactions write(String namespace, String key, String value) {
        ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
        return this;
    }

    public EndorserTransactions write(String namespace, String key, ByteString value) {
        ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(value));
        return this;
    }

    public EndorserTransactions delete(String namespace, String key) {
        ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
        return this;
    }

    /** A metadata write replacing the key's metadata, e.g. its {@code VALIDATION_PARAMETER}. */
    public EndorserTransactions metadata(String namespace, String key, String name, ByteString value) {
        ns(namespace)
                .addMetadataWrites(KVMetadataWrite.newBuilder()
                        .setKey(key)
                        .addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
        return this;
    }

    /** A read of a key at a committed version; {@code null} reads a key that did not exist. */
    public EndorserTransactions read(String namespace, String key, io.weft.ledger.Version read) {
        KVRead.Builder builder = KVRead.newBuilder().setKey(key);
        if (read != null) {
            builder.setVersion(Version.newBuilder().setBlockNum(read.blockNum()).setTxNum(read.txNum()));
        }
        ns(namespace).addReads(builder);
        return this;
    }

    public EndorserTransactions rangeQuery(String namespace, RangeQueryInfo info) {
        ns(namespace).addRangeQueriesInfo(info);
        return this;
    }

    public EndorserTransactions event(String name, String eventChaincode) {
        event = ChaincodeEvent.newBuilder()
                .setChaincodeId(eventChaincode)
                .setEventName(name)
                .setPayload(ByteString.copyFromUtf8("payload of " + name))
                .build()
                .toByteString();
        return this;
    }

    public EndorserTransactions results(ByteString bytes) {
        resultsOverride = bytes;
        return this;
    }

    public EndorserTransactions headerExtension(ByteString bytes) {
        headerExtensionOverride = bytes;
        return this;
    }

    public EndorserTransactions actionBytes(ByteString bytes) {
        actionOverride = bytes;
        return this;
    }

    public EndorserTransactions proposalHash(ByteString bytes) {
        proposalHashOverride = bytes;
        return this;
    }

    public EndorserTransactions creator(ByteString serializedIdentity) {
        creatorOverride = serializedIdentity;
        return this;
    }

    public EndorserTransactions channelHeader(UnaryOperator<ChannelHeader.Builder> hook) {
        channelHeaderHook = hook;
        return this;
    }

    public EndorserTransactions action(UnaryOperator<ChaincodeAction.Builder> hook) {
        actionHook = hook;
        return this;
    }

    private KVRWSet.Builder ns(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> KVRWSet.newBuilder());
    }

    public TxReadWriteSet rwSet() {
        TxReadWriteSet.Builder rwSet = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        namespaces.forEach((namespace, kv) -> rwSet.addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(kv.build().toByteString())));
        return rwSet.build();
    }

    public Envelope build() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        ByteString creator = creatorOverride != null ? creatorOverride : client.serialized();
        Instant now = Instant.now();
        ChaincodeID invoked = ChaincodeID.newBuilder().setName(chaincode).build();
        ChannelHeader.Builder channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId)
                .setTxId(txId(nonce, creator))
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setExtension(
                        headerExtensionOverride != null
                                ? headerExtensionOverride
                                : ChaincodeHeaderExtension.newBuilder()
                                        .setChaincodeId(invoked)
                                        .build()
                                        .toByteString());
        ByteString channelHeaderBytes =
                channelHeaderHook.apply(channelHeader).build().toByteString();
        ByteString signatureHeaderBytes = SignatureHeader.newBuilder()
                .setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce))
                .build()
                .toByteString();
        ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                .setChaincodeId(invoked)
                                .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("invoke"))))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ByteString proposalHash = proposalHashOverride != null
                ? proposalHashOverride
                : sha256(channelHeaderBytes, signatureHeaderBytes, proposalPayload);
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(resultsOverride != null ? resultsOverride : rwSet().toByteString())
                .setEvents(event)
                .setResponse(Response.newBuilder().setStatus(200))
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion(version));
        ByteString prpBytes = ProposalResponsePayload.newBuilder()
                .setProposalHash(proposalHash)
                .setExtension(
                        actionOverride != null
                                ? actionOverride
                                : actionHook.apply(action).build().toByteString())
                .build()
                .toByteString();
        ChaincodeEndorsedAction.Builder endorsed =
                ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prpBytes);
        for (SigningIdentity peer : endorsers) {
            ByteString endorser = peer.serialized();
            endorsed.addEndorsements(Endorsement.newBuilder()
                    .setEndorser(endorser)
                    .setSignature(ByteString.copyFrom(
                            peer.sign(prpBytes.concat(endorser).toByteArray()))));
        }
        ByteString transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(signatureHeaderBytes)
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setChaincodeProposalPayload(proposalPayload)
                                .setAction(endorsed)
                                .build()
                                .toByteString()))
                .build()
                .toByteString();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeaderBytes)
                        .setSignatureHeader(signatureHeaderBytes))
                .setData(transaction)
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(client.sign(payload.toByteArray())))
                .build();
    }

    public static String txId(byte[] nonce, ByteString creator) {
        return io.weft.proto.TransactionIds.of(ByteString.copyFrom(nonce), creator);
    }

    /** The tx id recorded in an envelope's channel header. */
    public static String txIdOf(Envelope envelope) {
        try {
            return ChannelHeader.parseFrom(
                            Payload.parseFrom(envelope.getPayload()).getHeader().getChannelHeader())
                    .getTxId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ByteString sha256(ByteString... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ByteString part : parts) {
                digest.update(part.asReadOnlyByteBuffer());
            }
            return ByteString.copyFrom(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
