package io.weft.peer.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.SigningIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Signed proposals built the way the fabric-gateway client builds them. */
final class TestProposals {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestProposals() {}

    static SignedProposal proposal(String channel, String chaincode, SigningIdentity signer, String... args) {
        return builder(channel, chaincode, signer, List.of(args)).build();
    }

    static Builder builder(String channel, String chaincode, SigningIdentity signer, List<String> args) {
        return new Builder(channel, chaincode, signer, args);
    }

    static final class Builder {
        private final String channel;
        private final String chaincode;
        private final SigningIdentity signer;
        private final List<String> args;
        private Instant timestamp = Instant.now();
        private String txId;
        private boolean init;
        private Map<String, ByteString> transient_ = Map.of();
        private byte[] nonce = new byte[24];

        Builder(String channel, String chaincode, SigningIdentity signer, List<String> args) {
            this.channel = channel;
            this.chaincode = chaincode;
            this.signer = signer;
            this.args = args;
            RANDOM.nextBytes(nonce);
        }

        Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        Builder txId(String value) {
            this.txId = value;
            return this;
        }

        Builder init() {
            this.init = true;
            return this;
        }

        Builder transientData(Map<String, ByteString> value) {
            this.transient_ = value;
            return this;
        }

        String expectedTxId() {
            return UnpackedProposal.txId(ByteString.copyFrom(nonce), signer.serialized());
        }

        SignedProposal build() {
            ChaincodeInput.Builder input = ChaincodeInput.newBuilder().setIsInit(init);
            args.forEach(a -> input.addArgs(ByteString.copyFromUtf8(a)));
            ChannelHeader channelHeader = ChannelHeader.newBuilder()
                    .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                    .setChannelId(channel)
                    .setTxId(txId != null ? txId : expectedTxId())
                    .setTimestamp(Timestamp.newBuilder()
                            .setSeconds(timestamp.getEpochSecond())
                            .setNanos(timestamp.getNano()))
                    .setExtension(ChaincodeHeaderExtension.newBuilder()
                            .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                            .build()
                            .toByteString())
                    .build();
            SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                    .setCreator(signer.serialized())
                    .setNonce(ByteString.copyFrom(nonce))
                    .build();
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                    .setInput(ChaincodeInvocationSpec.newBuilder()
                            .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                    .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                    .setInput(input))
                            .build()
                            .toByteString())
                    .putAllTransientMap(transient_)
                    .build();
            Proposal proposal = Proposal.newBuilder()
                    .setHeader(Header.newBuilder()
                            .setChannelHeader(channelHeader.toByteString())
                            .setSignatureHeader(signatureHeader.toByteString())
                            .build()
                            .toByteString())
                    .setPayload(payload.toByteString())
                    .build();
            ByteString bytes = proposal.toByteString();
            return SignedProposal.newBuilder()
                    .setProposalBytes(bytes)
                    .setSignature(ByteString.copyFrom(signer.sign(bytes.toByteArray())))
                    .build();
        }
    }
}
