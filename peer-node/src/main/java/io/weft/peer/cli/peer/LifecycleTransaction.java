package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import io.weft.msp.SigningIdentity;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/** Approve and commit: a {@code _lifecycle} transaction endorsed by the given peers and ordered. */
final class LifecycleTransaction {
    private LifecycleTransaction() {}

    static int run(
            PeerSubcommand command,
            PeerCall peer,
            String channelId,
            String function,
            ByteString args,
            WaitOptions waiting)
            throws InterruptedException {
        SigningIdentity signer = peer.client.signer(command.spec);
        List<Endpoint> peers =
                peer.targets.endpoints(command.spec, peer.client.config(command.spec), Integer.MAX_VALUE);
        Endpoint orderer = peer.orderer.endpoint(command.spec);
        Duration waitTimeout = waiting.waitTimeout(command.spec, true);
        Proposals.Signed proposal = Proposals.create(
                signer,
                HeaderType.ENDORSER_TRANSACTION,
                channelId,
                "_lifecycle",
                ChaincodeSpec.Type.UNDEFINED,
                PeerCall.args(function, args));
        try (Connections connections = new Connections()) {
            List<ProposalResponse> responses = Proposals.endorse(connections, peers, proposal.signedProposal());
            ProposalResponse first = responses.get(0);
            if (!first.hasResponse()) {
                throw new PeerCliException("received proposal response with nil response");
            }
            if (first.getResponse().getStatus() != 200) {
                throw new PeerCliException(
                        "proposal failed with status: " + first.getResponse().getStatus() + " - "
                                + first.getResponse().getMessage());
            }
            TxSubmitter.LIFECYCLE.submit(
                    connections, proposal, responses, signer, peers, orderer, waitTimeout, command::log);
        }
        return 0;
    }
}
