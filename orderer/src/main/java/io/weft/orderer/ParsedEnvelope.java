package io.weft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.SignedData;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * An envelope decoded once, keeping the original bytes that were signed: payload, channel header, signature header.
 *
 * @param bytes the serialized envelope as received
 */
public record ParsedEnvelope(
        ByteString bytes,
        Envelope envelope,
        Payload payload,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader) {

    /**
     * Decodes an envelope.
     *
     * @throws OrdererException naming the part that is missing or does not decode
     */
    public static ParsedEnvelope parse(ByteString bytes) {
        try {
            return parse(bytes, Envelope.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new OrdererException("envelope does not decode: " + e.getMessage(), e);
        }
    }

    public static ParsedEnvelope parse(Envelope envelope) {
        return parse(envelope.toByteString(), envelope);
    }

    private static ParsedEnvelope parse(ByteString bytes, Envelope envelope) {
        if (envelope.getPayload().isEmpty()) {
            throw new OrdererException("envelope has no payload");
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new OrdererException("envelope payload does not decode: " + e.getMessage(), e);
        }
        if (!payload.hasHeader()) {
            throw new OrdererException("envelope payload has no header");
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new OrdererException("channel header does not decode: " + e.getMessage(), e);
        }
        try {
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new OrdererException("signature header does not decode: " + e.getMessage(), e);
        }
        return new ParsedEnvelope(bytes, envelope, payload, channelHeader, signatureHeader);
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    /** The envelope's signature as signed data: the payload bytes, signed by the signature header's creator. */
    public List<SignedData> signedData() {
        return List.of(new SignedData(envelope.getPayload(), signatureHeader.getCreator(), envelope.getSignature()));
    }
}
