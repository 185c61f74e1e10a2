package io.weft.peer.endorser;

import io.weft.peer.operations.Metrics;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/** The endorser's Prometheus metrics, under Fabric's names. */
final class EndorserMetrics {
    private final Metrics.Counter received;
    private final Metrics.Counter successful;
    private final Metrics.Counter validationFailures;
    private final Metrics.Counter aclFailures;
    private final Metrics.Counter duplicates;
    private final Metrics.Counter endorsementFailures;
    private final Metrics.Counter simulationFailures;
    private final Metrics.Histogram duration;

    EndorserMetrics(Metrics metrics) {
        received = metrics.counter("endorser_proposals_received", "The number of proposals received.");
        successful = metrics.counter("endorser_successful_proposals", "The number of successful proposals.");
        validationFailures = metrics.counter(
                "endorser_proposal_validation_failures",
                "The number of proposals that have failed initial validation.");
        aclFailures = metrics.counter(
                "endorser_proposal_acl_failures",
                "The number of proposals that failed ACL checks.",
                "channel",
                "chaincode");
        duplicates = metrics.counter(
                "endorser_duplicate_transaction_failures",
                "The number of failed proposals due to duplicate transaction ID.",
                "channel",
                "chaincode");
        endorsementFailures = metrics.counter(
                "endorser_endorsement_failures",
                "The number of failed endorsements.",
                "channel",
                "chaincode",
                "chaincodeerror");
        simulationFailures = metrics.counter(
                "endorser_proposal_simulation_failures",
                "The number of failed proposal simulations",
                "channel",
                "chaincode");
        duration = metrics.histogram(
                "endorser_proposal_duration", "The time to complete a proposal.", "channel", "chaincode", "success");
    }

    void received() {
        received.inc();
    }

    void validationFailure() {
        validationFailures.inc();
    }

    void aclFailure(UnpackedProposal proposal) {
        aclFailures.inc(proposal.channelId(), proposal.chaincodeName());
    }

    void duplicate(UnpackedProposal proposal) {
        duplicates.inc(proposal.channelId(), proposal.chaincodeName());
    }

    /** The chaincode answered with a status in [400, 500): no endorsement (Fabric's {@code chaincodeerror=true}). */
    void chaincodeError(UnpackedProposal proposal) {
        endorsementFailures.inc(proposal.channelId(), proposal.chaincodeName(), "true");
    }

    /** The chaincode could not be run to an answer (launch failure, timeout, crash, ERROR from the shim). */
    void simulationFailure(UnpackedProposal proposal) {
        simulationFailures.inc(proposal.channelId(), proposal.chaincodeName());
    }

    void finished(UnpackedProposal proposal, ProposalResponse response, long nanos) {
        boolean success = response.getResponse().getStatus() < 400;
        if (success) {
            successful.inc();
        }
        duration.observe(nanos / 1e9, proposal.channelId(), proposal.chaincodeName(), Boolean.toString(success));
    }
}
