package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What the stub derives from the signed proposal: creator, timestamp, transient map and binding. All absent when the
 * peer sent no proposal bytes (calls made inside the peer).
 */
record ProposalFacts(ByteString creator, Instant timestamp, Map<String, ByteString> transientMap, ByteString binding) {
    static final ProposalFacts NONE = new ProposalFacts(null, null, Map.of(), null);

    /**
     * @throws IllegalArgumentException when the proposal does not parse or is neither an endorser transaction nor a
     *     config transaction
     */
    static ProposalFacts of(SignedProposal signedProposal) {
        if (signedProposal.getProposalBytes().isEmpty()) {
            return NONE;
        }
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            int type = channelHeader.getType();
            if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
                throw new IllegalArgumentException("unexpected proposal header type " + HeaderType.forNumber(type)
                        + " (" + type + "); expected ENDORSER_TRANSACTION or CONFIG");
            }
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            Timestamp timestamp = channelHeader.getTimestamp();
            return new ProposalFacts(
                    signatureHeader.getCreator(),
                    Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()),
                    Map.copyOf(payload.getTransientMapMap()),
                    binding(signatureHeader, channelHeader.getEpoch()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed signed proposal: " + e.getMessage(), e);
        }
    }

    /** SHA-256(nonce || creator || epoch as 8 bytes little-endian), as Fabric computes it. */
    static ByteString binding(SignatureHeader signatureHeader, long epoch) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(signatureHeader.getNonce().asReadOnlyByteBuffer());
            digest.update(signatureHeader.getCreator().asReadOnlyByteBuffer());
            digest.update(ByteBuffer.allocate(Long.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(epoch)
                    .flip());
            return ByteString.copyFrom(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
