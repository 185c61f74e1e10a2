package io.weft.benchmarks.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.PolicyDsl;
import io.weft.msp.SigningIdentity;
import io.weft.peer.committer.LifecycleChaincodeDefinitions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
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
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/** Endorser transaction envelopes built as a client and its endorsing peers build them (fabric-protocol.md §3.1). */
final class Transactions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Transactions() {}

    /** An invocation of {@code chaincode} writing {@code writes} keys, endorsed by one peer. */
    static Envelope invoke(
            String channelId,
            SigningIdentity client,
            String chaincode,
            String keyPrefix,
            int writes,
            SigningIdentity endorser) {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (int i = 0; i < writes; i++) {
            kv.addWrites(KVWrite.newBuilder()
                    .setKey(keyPrefix + i)
                    .setValue(ByteString.copyFromUtf8("{\"value\":" + i + ",\"owner\":\"bench\"}")));
        }
        Map<String, ByteString> rwSets = new LinkedHashMap<>();
        rwSets.put(chaincode, kv.build().toByteString());
        return build(channelId, client, chaincode, "1.0", rwSets, endorser);
    }

    /** A {@code _lifecycle} transaction defining {@code name} with policy OR of the two orgs' peers. */
    static Envelope defineChaincode(String channelId, SigningIdentity client, String name, SigningIdentity... peers) {
        ApplicationPolicy policy = ApplicationPolicy.newBuilder()
                .setSignaturePolicy(PolicyDsl.parse("OR('Org1MSP.peer','Org2MSP.peer')"))
                .build();
        KVRWSet kv = KVRWSet.newBuilder()
                .addWrites(KVWrite.newBuilder()
                        .setKey(LifecycleChaincodeDefinitions.metadataKey(name))
                        .setValue(StateMetadata.newBuilder()
                                .setDatatype("ChaincodeDefinition")
                                .addFields("ValidationInfo")
                                .build()
                                .toByteString()))
                .addWrites(KVWrite.newBuilder()
                        .setKey(LifecycleChaincodeDefinitions.fieldKey(name, "ValidationInfo"))
                        .setValue(StateData.newBuilder()
                                .setBytes(ChaincodeValidationInfo.newBuilder()
                                        .setValidationPlugin("vscc")
                                        .setValidationParameter(policy.toByteString())
                                        .build()
                                        .toByteString())
                                .build()
                                .toByteString()))
                .build();
        String lifecycle = LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE;
        return build(channelId, client, lifecycle, "syscc", Map.of(lifecycle, kv.toByteString()), peers);
    }

    private static Envelope build(
            String channelId,
            SigningIdentity client,
            String chaincode,
            String version,
            Map<String, ByteString> rwSets,
            SigningIdentity... endorsers) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        ByteString creator = client.serialized();
        ChaincodeID id = ChaincodeID.newBuilder().setName(chaincode).build();
        Instant now = Instant.now();
        ByteString channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId)
                .setTxId(HexFormat.of()
                        .formatHex(sha256(ByteString.copyFrom(nonce), creator).toByteArray()))
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(id)
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce))
                .build()
                .toByteString();
        ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                .setChaincodeId(id)
                                .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("put"))))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        TxReadWriteSet.Builder rwSet = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        rwSets.forEach((ns, bytes) ->
                rwSet.addNsRwset(NsReadWriteSet.newBuilder().setNamespace(ns).setRwset(bytes)));
        ByteString prpBytes = ProposalResponsePayload.newBuilder()
                .setProposalHash(sha256(channelHeader, signatureHeader, proposalPayload))
                .setExtension(ChaincodeAction.newBuilder()
                        .setResults(rwSet.build().toByteString())
                        .setResponse(Response.newBuilder().setStatus(200))
                        .setChaincodeId(
                                ChaincodeID.newBuilder().setName(chaincode).setVersion(version))
                        .build()
                        .toByteString())
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
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
                .setData(Transaction.newBuilder()
                        .addActions(TransactionAction.newBuilder()
                                .setHeader(signatureHeader)
                                .setPayload(ChaincodeActionPayload.newBuilder()
                                        .setChaincodeProposalPayload(proposalPayload)
                                        .setAction(endorsed)
                                        .build()
                                        .toByteString()))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(client.sign(payload.toByteArray())))
                .build();
    }

    private static ByteString sha256(ByteString... parts) {
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
