package io.weft.msp;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/** Fabric's signed envelope: a payload of channel header, the signer's signature header and data, signed. */
public final class SignedEnvelopes {
    private SignedEnvelopes() {}

    /** The envelope of {@code data} under {@code channelHeader}, with the signer as creator and the given nonce. */
    public static Envelope sign(SigningIdentity signer, ChannelHeader channelHeader, byte[] nonce, ByteString data) {
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(signer.serialized())
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(data)
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray())))
                .build();
    }
}
