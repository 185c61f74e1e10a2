package io.weft.peer.cli.peer;

import org.hyperledger.fabric.protos.peer.ProposalResponse;

/** Fabric's check of a {@code _lifecycle} query answer. */
final class LifecycleQuery {
    private LifecycleQuery() {}

    static void check(ProposalResponse response) {
        if (!response.hasResponse()) {
            throw new PeerCliException("received proposal response with nil response");
        }
        if (response.getResponse().getStatus() != 200) {
            throw new PeerCliException(
                    "query failed with status: " + response.getResponse().getStatus() + " - "
                            + response.getResponse().getMessage());
        }
    }
}
