package io.weft.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.SigningIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/** Signed envelopes as clients make them: transactions for Broadcast, SeekInfo requests for Deliver. */
public final class TestEnvelopes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestEnvelopes() {}

    /** An envelope of the given type whose tx id is Fabric's hex(SHA-256(nonce || creator)). */
    public static Envelope signed(String channelId, SigningIdentity signer, HeaderType type, ByteString data) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        ByteString creator = signer.serialized();
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setChannelId(channelId)
                .setTxId(txId(nonce, creator))
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(data)
                .build();
        ByteString payloadBytes = payload.toByteString();
        return Envelope.newBuilder()
                .setPayload(payloadBytes)
                .setSignature(ByteString.copyFrom(signer.sign(payloadBytes.toByteArray())))
                .build();
    }

    public static Envelope transaction(String channelId, SigningIdentity signer, String data) {
        return signed(channelId, signer, HeaderType.ENDORSER_TRANSACTION, ByteString.copyFromUtf8(data));
    }

    /** A Deliver request for blocks {@code start..stop}, waiting for blocks not yet written. */
    public static Envelope seek(
            String channelId, SigningIdentity signer, long start, long stop, SeekInfo.SeekBehavior behavior) {
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder()
                        .setSpecified(SeekSpecified.newBuilder().setNumber(start)))
                .setStop(SeekPosition.newBuilder()
                        .setSpecified(SeekSpecified.newBuilder().setNumber(stop)))
                .setBehavior(behavior)
                .build();
        return signed(channelId, signer, HeaderType.DELIVER_SEEK_INFO, seek.toByteString());
    }

    public static String txId(byte[] nonce, ByteString creator) {
        return io.weft.proto.TransactionIds.of(ByteString.copyFrom(nonce), creator);
    }
}
