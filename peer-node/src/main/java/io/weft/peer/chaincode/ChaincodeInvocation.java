package io.weft.peer.chaincode;

import io.weft.ledger.HistoryReader;
import io.weft.ledger.TxSimulator;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One execution of a chaincode for a proposal.
 *
 * <p>The chaincode's reads and writes go to {@code simulator} under the namespace {@code chaincodeName}; the caller
 * owns the simulator and may close it as soon as the returned future completes (chaincode support never touches it
 * after that). The transient map, creator and timestamp reach the chaincode inside {@code signedProposal}, unchanged.
 *
 * @param channelId the proposal's channel
 * @param txId the proposal's transaction id
 * @param chaincodeName the chaincode's name on the channel: the namespace of its state and of its events
 * @param chaincodeId the id of the running chaincode to route to: the package id ({@code label:sha256}) of the
 *     definition's installed package, or {@code name:version} for a chaincode started in dev mode
 * @param input the arguments ({@code ChaincodeInput} of the proposal, with the peer's decorations)
 * @param signedProposal the client's signed proposal, bytes unchanged; the default instance for peer-internal calls
 * @param init send INIT instead of TRANSACTION (the definition requires init and the proposal asks for it)
 * @param simulator the transaction's simulator
 * @param historyReader the channel's history, or {@code null} when the history database is disabled
 */
public record ChaincodeInvocation(
        String channelId,
        String txId,
        String chaincodeName,
        String chaincodeId,
        ChaincodeInput input,
        SignedProposal signedProposal,
        boolean init,
        TxSimulator simulator,
        HistoryReader historyReader) {
    public ChaincodeInvocation {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(chaincodeName, "chaincodeName");
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(signedProposal, "signedProposal");
        Objects.requireNonNull(simulator, "simulator");
        if (txId.isEmpty()) {
            throw new IllegalArgumentException("txId must not be empty");
        }
        if (chaincodeName.isEmpty() || chaincodeId.isEmpty()) {
            throw new IllegalArgumentException("chaincode name and id must not be empty");
        }
    }
}
