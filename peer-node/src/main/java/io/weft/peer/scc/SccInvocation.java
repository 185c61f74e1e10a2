package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import io.weft.ledger.TxSimulator;
import io.weft.msp.Identity;
import io.weft.msp.SignedData;
import io.weft.peer.channel.Channel;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One system chaincode call, as the endorser hands it over.
 *
 * @param channelId the proposal's channel, empty for channel-less proposals (install, query installed, JoinChain,
 *     GetChannels)
 * @param args {@code ChaincodeInput.args}; {@code args[0]} is the function name
 * @param creator the proposal's creator, validated against the channel's MSPs, or the peer's local MSP for a
 *     channel-less proposal
 * @param signedData the proposal's signature ({@code proposal_bytes}, creator, signature), for ACL policy checks
 * @param channel the channel, when the proposal names one
 * @param simulator the transaction simulator, for functions that read or write channel state
 */
public record SccInvocation(
        String channelId,
        String txId,
        SignedProposal signedProposal,
        List<ByteString> args,
        Identity creator,
        List<SignedData> signedData,
        Optional<Channel> channel,
        Optional<TxSimulator> simulator) {

    public SccInvocation {
        args = List.copyOf(args);
        signedData = List.copyOf(signedData);
    }

    /** The function name, or empty when no argument was given. */
    public String function() {
        return args.isEmpty() ? "" : args.get(0).toStringUtf8();
    }
}
