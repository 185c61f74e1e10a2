package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.msp.ChannelConfig;
import io.weft.msp.MspException;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import io.weft.orderer.BlockSignatures;
import io.weft.orderer.OrdererException;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The block-level checks a peer makes before validating a block's transactions (fabric-protocol.md §3.5): the block is
 * the next one (number equals the height), it extends the chain (previous hash equals the header hash of the last
 * block), its data hash matches its data, and its SIGNATURES metadata satisfies the channel's
 * {@code /Channel/Orderer/BlockValidation} policy. Stateless and thread-safe.
 */
public final class BlockVerifier {
    /** The policy that orderer signatures on a block must satisfy. */
    public static final String BLOCK_VALIDATION_POLICY = "/Channel/Orderer/BlockValidation";

    /** Where the chain stands: the number the next block must carry and the header hash of the last block. */
    public record ChainTip(long nextNumber, ByteString currentHash) {}

    /**
     * Verifies a block against the chain tip and the channel's configuration.
     *
     * @throws BlockVerificationException naming the channel, the block and what is wrong
     */
    public void verify(Block block, ChainTip tip, ChannelConfig config) {
        String channelId = config.channelId();
        if (!block.hasHeader()) {
            throw new BlockVerificationException("channel " + channelId + ": received a block without a header");
        }
        long number = block.getHeader().getNumber();
        String where = "channel " + channelId + ", block " + number + ": ";
        if (number != tip.nextNumber()) {
            throw new BlockVerificationException(
                    where + "expected block number " + tip.nextNumber() + " (the ledger height), got " + number);
        }
        if (!block.getHeader().getPreviousHash().equals(tip.currentHash())) {
            throw new BlockVerificationException(
                    where + "previous hash " + hex(block.getHeader().getPreviousHash())
                            + " does not match the hash of block " + (number - 1) + " " + hex(tip.currentHash()));
        }
        ByteString dataHash = ByteString.copyFrom(BlockHashes.dataHash(block.getData()));
        if (!block.getHeader().getDataHash().equals(dataHash)) {
            throw new BlockVerificationException(
                    where + "data hash " + hex(block.getHeader().getDataHash())
                            + " does not match the hash of the block's data " + hex(dataHash));
        }
        List<SignedData> signatures;
        try {
            signatures = BlockSignatures.signedData(block);
        } catch (OrdererException e) {
            throw new BlockVerificationException(where + e.getMessage(), e);
        }
        PolicyResult result;
        try {
            result = config.requirePolicy(BLOCK_VALIDATION_POLICY).evaluate(signatures);
        } catch (MspException e) {
            throw new BlockVerificationException(where + e.getMessage(), e);
        }
        if (!result.satisfied()) {
            throw new BlockVerificationException(where + "orderer signatures do not satisfy " + BLOCK_VALIDATION_POLICY
                    + ": " + result.explanation());
        }
    }

    private static String hex(ByteString bytes) {
        return bytes.isEmpty() ? "(empty)" : HexFormat.of().formatHex(bytes.toByteArray());
    }
}
