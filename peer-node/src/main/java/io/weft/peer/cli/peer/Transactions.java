package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import io.weft.msp.SigningIdentity;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The transaction envelope from a proposal and its endorsements (fabric-protocol.md §3.1), with Fabric's checks: every
 * response successful, every proposal response payload byte-equal, endorsements deduplicated by endorser.
 */
final class Transactions {
    private Transactions() {}

    static Envelope assemble(Proposals.Signed proposal, List<ProposalResponse> responses, SigningIdentity signer) {
        if (responses.isEmpty()) {
            throw new PeerCliException("at least one proposal response is required");
        }
        ByteString first = responses.get(0).getPayload();
        for (ProposalResponse response : responses) {
            int status = response.getResponse().getStatus();
            if (status < 200 || status >= 400) {
                throw new PeerCliException("proposal response was not successful, error code " + status + ", msg "
                        + response.getResponse().getMessage());
            }
            if (!response.getPayload().equals(first)) {
                throw new PeerCliException("ProposalResponsePayloads do not match (base64): '"
                        + base64(response.getPayload()) + "' vs '" + base64(first) + "'");
            }
        }
        List<Endorsement> endorsements = new ArrayList<>();
        Set<ByteString> endorsers = new HashSet<>();
        for (ProposalResponse response : responses) {
            if (response.hasEndorsement()
                    && endorsers.add(response.getEndorsement().getEndorser())) {
                endorsements.add(response.getEndorsement());
            }
        }
        if (endorsements.isEmpty()) {
            throw new PeerCliException("no endorsements");
        }
        ByteString proposalPayloadForTx = ChaincodeProposalPayload.newBuilder()
                .setInput(proposal.payload().getInput())
                .build()
                .toByteString();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(proposalPayloadForTx)
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(first)
                        .addAllEndorsements(endorsements))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(proposal.header().getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(proposal.header())
                .setData(transaction.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray())))
                .build();
    }

    private static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
