package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.SigningIdentity;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code peer chaincode invoke}: endorse on each {@code --peerAddresses} (or {@code CORE_PEER_ADDRESS}), assemble the
 * transaction, send it to the orderer, optionally wait for the commit; logs Fabric's
 * {@code Chaincode invoke successful. result: status:200 payload:"..."}.
 */
@Command(name = "invoke", description = "Invoke the specified chaincode.", mixinStandardHelpOptions = true)
final class ChaincodeInvokeCommand extends PeerSubcommand {
    @Mixin
    ChaincodeCall call;

    @Mixin
    WaitOptions waiting;

    @Override
    int execute() throws InterruptedException, InvalidProtocolBufferException {
        call.validate(spec);
        SigningIdentity signer = call.peer.client.signer(spec);
        List<Endpoint> peers = call.peer.targets.endpoints(spec, call.peer.client.config(spec), Integer.MAX_VALUE);
        Endpoint orderer = call.peer.orderer.endpoint(spec);
        Duration waitTimeout = waiting.waitTimeout(spec, false);
        Proposals.Signed proposal = Proposals.create(
                signer,
                HeaderType.ENDORSER_TRANSACTION,
                call.channelId,
                call.chaincodeSpec(spec),
                call.transientMap(spec));
        ProposalResponse first;
        try (Connections connections = new Connections()) {
            List<ProposalResponse> responses;
            try {
                responses = Proposals.endorse(connections, peers, proposal.signedProposal());
            } catch (PeerCliException e) {
                throw new PeerCliException("error endorsing invoke: " + e.getMessage(), e);
            }
            first = responses.get(0);
            if (first.getResponse().getStatus() < 400) {
                TxSubmitter.INVOKE.submit(
                        connections, proposal, responses, signer, peers, orderer, waitTimeout, this::log);
            }
        }
        if (!first.hasEndorsement()) {
            throw new PeerCliException(
                    "endorsement failure during invoke. response: " + GoText.response(first.getResponse()));
        }
        ChaincodeAction action = ChaincodeAction.parseFrom(
                ProposalResponsePayload.parseFrom(first.getPayload()).getExtension());
        log("Chaincode invoke successful. result: " + GoText.response(action.getResponse()));
        return 0;
    }
}
