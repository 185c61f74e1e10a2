package io.weft.orderer;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.msp.SigningIdentity;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;

/** Makes the next block of a channel from a batch of envelopes: numbered, hash-chained, signed. */
public final class BlockFactory {
    private final SigningIdentity signer;

    public BlockFactory(SigningIdentity signer) {
        this.signer = signer;
    }

    /**
     * @param previousHeaderHash the header hash of block {@code number - 1}
     * @param lastConfigIndex the number of the channel's latest config block (this block's own number if it is one)
     */
    public Block create(long number, ByteString previousHeaderHash, List<ByteString> envelopes, long lastConfigIndex) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHeaderHash)
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data)))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < BlockMetadataIndex.values().length - 1; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        Block block = Block.newBuilder()
                .setHeader(header)
                .setData(data)
                .setMetadata(metadata)
                .build();
        return BlockSignatures.sign(block, signer, lastConfigIndex);
    }
}
