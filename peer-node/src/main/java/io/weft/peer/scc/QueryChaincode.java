package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerException;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * {@code qscc}, the ledger query system chaincode ({@code core/scc/qscc/query.go}): GetChainInfo, GetBlockByNumber,
 * GetBlockByHash, GetTransactionByID and GetBlockByTxID. {@code args[1]} names the channel, {@code args[2]} the block
 * number (decimal), block header hash or transaction id. Access is the channel's {@code qscc/<function>} ACL, by
 * default {@code /Channel/Application/Readers}. Errors are worded as Fabric's, with status 500.
 */
public final class QueryChaincode implements SystemChaincode {
    public static final String NAME = "qscc";

    static final String GET_CHAIN_INFO = "GetChainInfo";
    static final String GET_BLOCK_BY_NUMBER = "GetBlockByNumber";
    static final String GET_BLOCK_BY_HASH = "GetBlockByHash";
    static final String GET_TRANSACTION_BY_ID = "GetTransactionByID";
    static final String GET_BLOCK_BY_TX_ID = "GetBlockByTxID";

    private final ChannelManager channels;
    private final Acls acls;

    public QueryChaincode(ChannelManager channels, Acls acls) {
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
        if (args.size() < 2) {
            return SccResponses.error("Incorrect number of arguments, " + args.size());
        }
        String function = invocation.function();
        String channelId = args.get(1).toStringUtf8();
        if (!function.equals(GET_CHAIN_INFO) && args.size() < 3) {
            return SccResponses.error("missing 3rd argument for " + function);
        }
        if (!invocation.channelId().isEmpty() && !invocation.channelId().equals(channelId)) {
            return SccResponses.error(
                    "Invalid chain ID, " + channelId + ": the proposal is for channel " + invocation.channelId());
        }
        Optional<Channel> channel = channels.channel(channelId);
        if (channel.isEmpty()) {
            return SccResponses.error("Invalid chain ID, " + channelId);
        }
        Optional<String> denied =
                acls.check(NAME + "/" + function, Optional.of(channel.get().config()), invocation.signedData());
        if (denied.isPresent()) {
            return SccResponses.error(
                    "access denied for [" + function + "][" + channelId + "]: [" + denied.get() + "]");
        }
        ChannelLedger ledger = channel.get().ledger();
        try {
            return switch (function) {
                case GET_CHAIN_INFO -> SccResponses.ok(ledger.blockchainInfo());
                case GET_BLOCK_BY_NUMBER -> blockByNumber(ledger, args.get(2).toStringUtf8());
                case GET_BLOCK_BY_HASH -> blockByHash(ledger, args.get(2));
                case GET_TRANSACTION_BY_ID ->
                    transactionById(ledger, args.get(2).toStringUtf8());
                case GET_BLOCK_BY_TX_ID -> blockByTxId(ledger, args.get(2).toStringUtf8());
                default -> SccResponses.error("Requested function " + function + " not found.");
            };
        } catch (LedgerException e) {
            return SccResponses.error(
                    "Failed to query channel " + channelId + " for " + function + ", error " + e.getMessage());
        }
    }

    private static Response blockByNumber(ChannelLedger ledger, String text) {
        long number;
        try {
            number = Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            String reason = !text.isEmpty() && text.chars().allMatch(Character::isDigit)
                    ? "value out of range"
                    : "invalid syntax";
            return SccResponses.error(
                    "Failed to parse block number with error strconv.ParseUint: parsing \"" + text + "\": " + reason);
        }
        // Fabric reads math.MaxUint64 as "the last block"
        long wanted = number == -1L ? ledger.height() - 1 : number;
        return found(
                ledger.getBlockByNumber(wanted).map(b -> (MessageLite) b),
                () -> "Failed to get block number " + Long.toUnsignedString(number) + ", error no such block number ["
                        + Long.toUnsignedString(wanted) + "] in index");
    }

    private static Response blockByHash(ChannelLedger ledger, ByteString hash) {
        if (hash.isEmpty()) {
            return SccResponses.error("Block hash must not be nil.");
        }
        String hex = HexFormat.of().formatHex(hash.toByteArray());
        return found(
                ledger.getBlockByHash(hash.toByteArray()).map(b -> (MessageLite) b),
                () -> "Failed to get block hash " + hex + ", error no such block hash [" + hex + "] in index");
    }

    private static Response transactionById(ChannelLedger ledger, String txId) {
        if (txId.isEmpty()) {
            return SccResponses.error("Transaction ID must not be nil.");
        }
        return found(
                ledger.getTransactionById(txId).map(t -> (MessageLite) t),
                () -> "Failed to get transaction with id " + txId + ", error no such transaction ID [" + txId
                        + "] in index");
    }

    private static Response blockByTxId(ChannelLedger ledger, String txId) {
        return found(
                ledger.getBlockByTxId(txId).map(b -> (MessageLite) b),
                () -> "Failed to get block for txID " + txId + ", error no such transaction ID [" + txId
                        + "] in index");
    }

    private static Response found(Optional<MessageLite> result, Supplier<String> missing) {
        return result.map(SccResponses::ok).orElseGet(() -> SccResponses.error(missing.get()));
    }
}
