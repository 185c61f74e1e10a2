package io.weft.peer.cli.peer;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.SigningIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Signed proposals as Fabric's CLI builds them (fabric-protocol.md §2.1-2.2): a 24-byte random nonce, tx id =
 * hex(SHA-256(nonce || creator)), channel header with the chaincode id in its extension and epoch 0, the invocation spec
 * and transient map in the payload, the creator's signature over the proposal bytes.
 */
final class Proposals {
    static final int NONCE_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Proposals() {}

    /** A proposal and the parts of it the transaction is assembled from. */
    record Signed(
            SignedProposal signedProposal,
            Header header,
            ChaincodeProposalPayload payload,
            String txId,
            String channelId) {}

    /** A proposal to a system or user chaincode with string arguments. */
    static Signed create(
            SigningIdentity signer,
            HeaderType type,
            String channelId,
            String chaincodeName,
            ChaincodeSpec.Type specType,
            List<ByteString> args) {
        ChaincodeSpec spec = ChaincodeSpec.newBuilder()
                .setType(specType)
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincodeName))
                .setInput(ChaincodeInput.newBuilder().addAllArgs(args))
                .build();
        return create(signer, type, channelId, spec, Map.of());
    }

    static Signed create(
            SigningIdentity signer,
            HeaderType type,
            String channelId,
            ChaincodeSpec spec,
            Map<String, ByteString> transientMap) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ByteString creator = signer.serialized();
        String txId = txId(nonce, creator);
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setTxId(txId)
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setChannelId(channelId)
                .setExtension(ChaincodeHeaderExtension.newBuilder()
                        .setChaincodeId(spec.getChaincodeId())
                        .build()
                        .toByteString())
                .setEpoch(0)
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setNonce(ByteString.copyFrom(nonce))
                .setCreator(creator)
                .build();
        Header header = Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(signatureHeader.toByteString())
                .build();
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(spec)
                        .build()
                        .toByteString())
                .putAllTransientMap(transientMap)
                .build();
        ByteString proposalBytes = Proposal.newBuilder()
                .setHeader(header.toByteString())
                .setPayload(payload.toByteString())
                .build()
                .toByteString();
        SignedProposal signed = SignedProposal.newBuilder()
                .setProposalBytes(proposalBytes)
                .setSignature(ByteString.copyFrom(signer.sign(proposalBytes.toByteArray())))
                .build();
        return new Signed(signed, header, payload, txId, channelId);
    }

    /** Fabric's tx id rule: lowercase hex of SHA-256(nonce || creator). */
    static String txId(byte[] nonce, ByteString creator) {
        return io.weft.proto.TransactionIds.of(ByteString.copyFrom(nonce), creator);
    }

    /** Sends the proposal to every peer at once and returns their responses in the order of {@code peers}. */
    static List<ProposalResponse> endorse(Connections connections, List<Endpoint> peers, SignedProposal proposal) {
        List<ListenableFuture<ProposalResponse>> calls = new ArrayList<>();
        for (Endpoint peer : peers) {
            calls.add(EndorserGrpc.newFutureStub(connections.open(peer)).processProposal(proposal));
        }
        List<ProposalResponse> responses = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            try {
                responses.add(calls.get(i).get());
            } catch (ExecutionException e) {
                throw Connections.failure(peers.get(i), "endorsement", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerCliException(
                        "interrupted while waiting for " + peers.get(i).describe(), e);
            }
        }
        return responses;
    }

    /** Sends a proposal to one peer. */
    static ProposalResponse endorse(Connections connections, Endpoint peer, SignedProposal proposal) {
        return endorse(connections, List.of(peer), proposal).get(0);
    }
}
