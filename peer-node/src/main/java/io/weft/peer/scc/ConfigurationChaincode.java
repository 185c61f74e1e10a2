package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.ChannelLedger;
import io.weft.msp.MspException;
import io.weft.orderer.BlockSignatures;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.committer.CommitterException;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * {@code cscc}, the configuration system chaincode ({@code core/scc/cscc/configure.go}): JoinChain (channel-less,
 * local MSP admins, from a genesis config block), GetChannels (channel-less, local MSP members), GetConfigBlock and
 * GetChannelConfig (the channel's Readers). Snapshot joins are not supported.
 */
public final class ConfigurationChaincode implements SystemChaincode {
    public static final String NAME = "cscc";

    static final String JOIN_CHAIN = "JoinChain";
    static final String GET_CHANNELS = "GetChannels";
    static final String GET_CONFIG_BLOCK = "GetConfigBlock";
    static final String GET_CHANNEL_CONFIG = "GetChannelConfig";

    private final ChannelManager channels;
    private final Acls acls;

    public ConfigurationChaincode(ChannelManager channels, Acls acls) {
        this.channels = channels;
        this.acls = acls;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.isEmpty()) {
            return SccResponses.error("Incorrect number of arguments, 0");
        }
        String function = invocation.function();
        if (!function.equals(GET_CHANNELS) && args.size() < 2) {
            return SccResponses.error("Incorrect number of arguments, " + args.size());
        }
        return switch (function) {
            case JOIN_CHAIN -> joinChain(invocation, args.get(1));
            case GET_CHANNELS -> getChannels(invocation);
            case GET_CONFIG_BLOCK -> getConfigBlock(invocation, args.get(1).toStringUtf8());
            case GET_CHANNEL_CONFIG -> getChannelConfig(invocation, args.get(1).toStringUtf8());
            default -> SccResponses.error("Requested function " + function + " not found.");
        };
    }

    private Response joinChain(SccInvocation invocation, ByteString blockBytes) {
        if (blockBytes.isEmpty()) {
            return SccResponses.error("Cannot join the channel <nil> configuration block provided");
        }
        Block block;
        try {
            block = Block.parseFrom(blockBytes);
        } catch (InvalidProtocolBufferException e) {
            return SccResponses.error("Failed to reconstruct the genesis block, " + e.getMessage());
        }
        String channelId;
        ConfigEnvelope config;
        try {
            if (block.getData().getDataCount() == 0) {
                throw new InvalidProtocolBufferException("block has no data");
            }
            Payload payload = Payload.parseFrom(
                    Envelope.parseFrom(block.getData().getData(0)).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            channelId = header.getChannelId();
            if (header.getType() != HeaderType.CONFIG_VALUE) {
                return SccResponses.error("\"JoinChain\" for channelID = " + channelId + " failed because of "
                        + "validation of configuration block, because of Bad configuration envelope: invalid "
                        + "type for envelope: " + header.getType() + ", expected " + HeaderType.CONFIG_VALUE);
            }
            config = ConfigEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            return SccResponses.error("\"JoinChain\" request failed to extract channel id from the block due to ["
                    + e.getMessage() + "]");
        }
        if (!config.getConfig().getChannelGroup().getGroupsMap().containsKey("Application")) {
            return SccResponses.error("\"JoinChain\" for channelID = " + channelId + " failed because of validation "
                    + "of configuration block, because of Invalid configuration block, missing Application "
                    + "configuration group");
        }
        Optional<String> denied = acls.check(NAME + "/" + JOIN_CHAIN, Optional.empty(), invocation.signedData());
        if (denied.isPresent()) {
            return SccResponses.error("access denied for [JoinChain][" + channelId + "]: [" + denied.get() + "]");
        }
        try {
            channels.joinChain(block);
        } catch (CommitterException | MspException e) {
            return SccResponses.error(e.getMessage());
        }
        return SccResponses.ok(ByteString.EMPTY);
    }

    private Response getChannels(SccInvocation invocation) {
        Optional<String> denied = acls.check(NAME + "/" + GET_CHANNELS, Optional.empty(), invocation.signedData());
        if (denied.isPresent()) {
            return SccResponses.error("access denied for [GetChannels]: " + denied.get());
        }
        ChannelQueryResponse.Builder response = ChannelQueryResponse.newBuilder();
        for (String channelId : channels.channels()) {
            response.addChannels(ChannelInfo.newBuilder().setChannelId(channelId));
        }
        return SccResponses.ok(response.build());
    }

    private Response getConfigBlock(SccInvocation invocation, String channelId) {
        if (channelId.isEmpty()) {
            return SccResponses.error("ChannelID must not be nil.");
        }
        Optional<Channel> channel = channels.channel(channelId);
        if (channel.isEmpty()) {
            return SccResponses.error("Unknown channel ID, " + channelId);
        }
        Optional<String> denied = acls.check(
                NAME + "/" + GET_CONFIG_BLOCK, Optional.of(channel.get().config()), invocation.signedData());
        if (denied.isPresent()) {
            return SccResponses.error("access denied for [GetConfigBlock][" + channelId + "]: " + denied.get());
        }
        ChannelLedger ledger = channel.get().ledger();
        Optional<Block> last = ledger.getBlockByNumber(ledger.height() - 1);
        if (last.isEmpty()) {
            return SccResponses.error("failed to retrieve the last block of channel " + channelId);
        }
        long index = BlockSignatures.lastConfigIndexOrZero(last.get());
        return ledger.getBlockByNumber(index)
                .map(SccResponses::ok)
                .orElseGet(() -> SccResponses.error(
                        "failed to retrieve the config block [" + index + "] of channel " + channelId));
    }

    private Response getChannelConfig(SccInvocation invocation, String channelId) {
        if (channelId.isEmpty()) {
            return SccResponses.error("empty channel name provided");
        }
        Optional<Channel> channel = channels.channel(channelId);
        if (channel.isEmpty()) {
            return SccResponses.error("unknown channel ID, " + channelId);
        }
        Optional<String> denied = acls.check(
                NAME + "/" + GET_CHANNEL_CONFIG, Optional.of(channel.get().config()), invocation.signedData());
        if (denied.isPresent()) {
            return SccResponses.error("access denied for [GetChannelConfig][" + channelId + "]: " + denied.get());
        }
        return SccResponses.ok(channel.get().config().config());
    }
}
