package io.weft.peer.cli.peer;

import io.weft.msp.SigningIdentity;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * The second half of a transaction as Fabric's CLI runs it: assemble the envelope from the endorsements, (with
 * {@code --waitForEvent}) open the peers' DeliverFiltered streams, broadcast to the orderer, wait for the commits.
 *
 * @param assembleError the prefix Fabric puts before an assembly error
 * @param sendError the prefix Fabric puts before a broadcast error
 */
record TxSubmitter(String assembleError, String sendError) {
    static final TxSubmitter LIFECYCLE =
            new TxSubmitter("failed to create signed transaction", "failed to send transaction");
    static final TxSubmitter INVOKE =
            new TxSubmitter("could not assemble transaction", "error sending transaction for invoke");

    /**
     * @param waitTimeout how long to wait for the commit on every peer; null not to wait
     */
    void submit(
            Connections connections,
            Proposals.Signed proposal,
            List<ProposalResponse> responses,
            SigningIdentity signer,
            List<Endpoint> peers,
            Endpoint orderer,
            Duration waitTimeout,
            Consumer<String> log)
            throws InterruptedException {
        Envelope envelope;
        try {
            envelope = Transactions.assemble(proposal, responses, signer);
        } catch (PeerCliException e) {
            throw new PeerCliException(assembleError + ": " + e.getMessage(), e);
        }
        CommitWaiter waiter = waitTimeout == null
                ? null
                : CommitWaiter.connect(connections, peers, signer, proposal.channelId(), proposal.txId());
        try {
            OrdererClient.broadcast(connections, orderer, envelope);
        } catch (PeerCliException e) {
            throw new PeerCliException(sendError + ": " + e.getMessage(), e);
        }
        if (waiter != null) {
            waiter.await(waitTimeout, log);
        }
    }
}
