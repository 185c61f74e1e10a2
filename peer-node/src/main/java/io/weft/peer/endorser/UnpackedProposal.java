package io.weft.peer.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.weft.msp.SignedData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal decoded once, keeping every original byte string that is hashed or verified: Fabric's unpacking
 * and header checks (fabric-protocol §2.3 steps 1 and 3).
 */
public record UnpackedProposal(
        SignedProposal signedProposal,
        Proposal proposal,
        Header header,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        ChaincodeID chaincodeId,
        ChaincodeProposalPayload payload,
        ChaincodeInput input) {

    /**
     * Decodes and checks a proposal.
     *
     * @throws ProposalException (INVALID_ARGUMENT) naming the part that is missing or wrong
     */
    public static UnpackedProposal unpack(SignedProposal signed) {
        if (signed.getProposalBytes().isEmpty()) {
            throw invalid("empty proposal bytes");
        }
        if (signed.getSignature().isEmpty()) {
            throw invalid("empty signature on the proposal");
        }
        Proposal proposal = parse(() -> Proposal.parseFrom(signed.getProposalBytes()), "proposal");
        Header header = parse(() -> Header.parseFrom(proposal.getHeader()), "proposal header");
        ChannelHeader channelHeader = parse(() -> ChannelHeader.parseFrom(header.getChannelHeader()), "channel header");
        SignatureHeader signatureHeader =
                parse(() -> SignatureHeader.parseFrom(header.getSignatureHeader()), "signature header");
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE
                && channelHeader.getType() != HeaderType.CONFIG_VALUE) {
            throw invalid("invalid header type " + channelHeader.getType() + ": expected ENDORSER_TRANSACTION");
        }
        if (channelHeader.getEpoch() != 0) {
            throw invalid("invalid epoch in channel header: " + channelHeader.getEpoch() + ", expected 0");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            throw invalid("invalid signature header: nonce is empty");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            throw invalid("invalid signature header: creator is empty");
        }
        String expected = txId(signatureHeader.getNonce(), signatureHeader.getCreator());
        if (!expected.equals(channelHeader.getTxId())) {
            throw invalid("incorrectly formed transaction id: got '" + channelHeader.getTxId()
                    + "', expected hex(sha256(nonce || creator)) = '" + expected + "'");
        }
        ChaincodeHeaderExtension extension =
                parse(() -> ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension()), "header extension");
        if (!extension.hasChaincodeId() || extension.getChaincodeId().getName().isEmpty()) {
            throw invalid("proposal header extension names no chaincode");
        }
        ChaincodeProposalPayload payload =
                parse(() -> ChaincodeProposalPayload.parseFrom(proposal.getPayload()), "chaincode proposal payload");
        ChaincodeInvocationSpec spec =
                parse(() -> ChaincodeInvocationSpec.parseFrom(payload.getInput()), "chaincode invocation spec");
        if (!spec.hasChaincodeSpec() || !spec.getChaincodeSpec().hasInput()) {
            throw invalid("chaincode invocation spec has no chaincode spec or input");
        }
        return new UnpackedProposal(
                signed,
                proposal,
                header,
                channelHeader,
                signatureHeader,
                extension.getChaincodeId(),
                payload,
                spec.getChaincodeSpec().getInput());
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    public String chaincodeName() {
        return chaincodeId.getName();
    }

    public ByteString creator() {
        return signatureHeader.getCreator();
    }

    /** The proposal's signature as signed data for policies: proposal bytes, creator, signature. */
    public List<SignedData> signedData() {
        return List.of(new SignedData(signedProposal.getProposalBytes(), creator(), signedProposal.getSignature()));
    }

    /**
     * Fabric's proposal hash: SHA-256 over the channel header bytes, the signature header bytes and a new
     * ChaincodeProposalPayload holding only the input (the transient map is never hashed).
     */
    public byte[] proposalHash() {
        ByteString inputOnly = ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build()
                .toByteString();
        MessageDigest digest = sha256();
        digest.update(header.getChannelHeader().asReadOnlyByteBuffer());
        digest.update(header.getSignatureHeader().asReadOnlyByteBuffer());
        digest.update(inputOnly.asReadOnlyByteBuffer());
        return digest.digest();
    }

    public static String txId(ByteString nonce, ByteString creator) {
        return io.weft.proto.TransactionIds.of(nonce, creator);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser, String what) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw invalid("error unmarshalling the " + what + ": " + e.getMessage());
        }
    }

    private static ProposalException invalid(String message) {
        return new ProposalException(Status.Code.INVALID_ARGUMENT, message);
    }
}
