package io.weft.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Builds the unsigned transaction envelope from a proposal and its endorsements, nested exactly as Fabric's
 * (fabric-protocol §3.1): the proposal's header bytes, one action whose header is the proposal's signature header
 * bytes, the chaincode proposal payload without the transient map, the endorsed payload and the endorsements
 * (duplicates dropped).
 */
final class TransactionAssembler {
    private TransactionAssembler() {}

    static Envelope assemble(Proposal proposal, List<ProposalResponse> responses)
            throws InvalidProtocolBufferException {
        Header header = Header.parseFrom(proposal.getHeader());
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        ByteString inputOnly = ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build()
                .toByteString();
        Map<ByteString, Endorsement> endorsements = new LinkedHashMap<>();
        for (ProposalResponse response : responses) {
            endorsements.putIfAbsent(response.getEndorsement().getEndorser(), response.getEndorsement());
        }
        ChaincodeActionPayload action = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(inputOnly)
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responses.get(0).getPayload())
                        .addAllEndorsements(endorsements.values()))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(header.getSignatureHeader())
                        .setPayload(action.toByteString()))
                .build();
        return Envelope.newBuilder()
                .setPayload(Payload.newBuilder()
                        .setHeader(header)
                        .setData(transaction.toByteString())
                        .build()
                        .toByteString())
                .build();
    }
}
