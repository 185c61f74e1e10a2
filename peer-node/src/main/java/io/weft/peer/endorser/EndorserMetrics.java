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
    private final Metrics.Histogram duration;

    EndorserMetrics(Metrics metrics) {
        received = metrics.counter("endorser_proposals_received", "The number of proposals received.");
        successful = metrics.counter("endorser_successful_proposals", "The number of successful proposals.");
        validationFailures = metrics.counter(
                "endorser_proposal_validation_failures",
                "The number of proposals that have failed initial validation.");
        aclFailures =
                metrics.counter("endorser_proposal_acl_failures", "The number of proposals that failed ACL checks.");
        duplicates = metrics.counter(
                "endorser_duplicate_transaction_failures",
                "The number of failed proposals due to duplicate transaction ID.");
        endorsementFailures = metrics.counter(
                "endorser_endorsement_failures", "The number of failed endorsements.", "channel", "chaincode");
        duration = metrics.histogram(
                "endorser_proposal_duration", "The time to complete a proposal.", "channel", "chaincode", "success");
    }

    void received() {
        received.inc();
    }

    void validationFailure() {
        validationFailures.inc();
    }

    void aclFailure() {
        aclFailures.inc();
    }

    void duplicate() {
        duplicates.inc();
    }

    void endorsementFailure(String channel, String chaincode) {
        endorsementFailures.inc(channel, chaincode);
    }

    void finished(UnpackedProposal proposal, ProposalResponse response, long nanos) {
        boolean success = response.getResponse().getStatus() < 400;
        if (success) {
            successful.inc();
        }
        duration.observe(nanos / 1e9, proposal.channelId(), proposal.chaincodeName(), Boolean.toString(success));
    }
}
