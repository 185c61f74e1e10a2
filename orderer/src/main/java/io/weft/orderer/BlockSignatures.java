package io.weft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.BlockHashes;
import io.weft.msp.SignedData;
import io.weft.msp.SigningIdentity;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * The orderer's signature on a block, as Fabric writes and checks it: {@code metadata[SIGNATURES]} is a
 * {@code Metadata} whose value is an {@code OrdererBlockMetadata{last_config}} and whose signatures sign
 * {@code value || signature_header || ASN.1 DER block header}.
 */
public final class BlockSignatures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;

    private BlockSignatures() {}

    /** Signs the block's header and writes the SIGNATURES and LAST_CONFIG metadata entries. */
    public static Block sign(Block block, SigningIdentity signer, long lastConfigIndex) {
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(lastConfigIndex))
                .setConsenterMetadata(Metadata.getDefaultInstance().toByteString())
                .build()
                .toByteString();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(signer.serialized())
                .setNonce(ByteString.copyFrom(nonce))
                .build()
                .toByteString();
        byte[] signature =
                signer.sign(signedBytes(value, signatureHeader, block).toByteArray());
        Metadata signatures = Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(signature)))
                .build();
        Metadata lastConfig = Metadata.newBuilder()
                .setValue(LastConfig.newBuilder()
                        .setIndex(lastConfigIndex)
                        .build()
                        .toByteString())
                .build();
        return withMetadata(
                withMetadata(block, BlockMetadataIndex.SIGNATURES, signatures.toByteString()),
                BlockMetadataIndex.LAST_CONFIG,
                lastConfig.toByteString());
    }

    /**
     * The signatures on a block as signed data for the channel's BlockValidation policy.
     *
     * @throws OrdererException when the SIGNATURES metadata is missing or malformed
     */
    public static List<SignedData> signedData(Block block) {
        int index = BlockMetadataIndex.SIGNATURES_VALUE;
        if (block.getMetadata().getMetadataCount() <= index) {
            throw new OrdererException("block " + block.getHeader().getNumber() + " has no SIGNATURES metadata");
        }
        Metadata metadata;
        try {
            metadata = Metadata.parseFrom(block.getMetadata().getMetadata(index));
        } catch (InvalidProtocolBufferException e) {
            throw new OrdererException(
                    "block " + block.getHeader().getNumber() + " has malformed SIGNATURES metadata: " + e.getMessage(),
                    e);
        }
        List<SignedData> result = new ArrayList<>();
        for (MetadataSignature signature : metadata.getSignaturesList()) {
            ByteString creator;
            try {
                creator = SignatureHeader.parseFrom(signature.getSignatureHeader())
                        .getCreator();
            } catch (InvalidProtocolBufferException e) {
                throw new OrdererException(
                        "block " + block.getHeader().getNumber() + " has a malformed signature header: "
                                + e.getMessage(),
                        e);
            }
            result.add(new SignedData(
                    signedBytes(metadata.getValue(), signature.getSignatureHeader(), block),
                    creator,
                    signature.getSignature()));
        }
        return result;
    }

    /** The last config block index a block's SIGNATURES metadata records. */
    public static long lastConfigIndex(Block block) {
        try {
            Metadata metadata =
                    Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            return OrdererBlockMetadata.parseFrom(metadata.getValue())
                    .getLastConfig()
                    .getIndex();
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new OrdererException("block " + block.getHeader().getNumber() + " records no last config index", e);
        }
    }

    /** Like {@link #lastConfigIndex} but 0 for a block without orderer metadata (a genesis block). */
    public static long lastConfigIndexOrZero(Block block) {
        try {
            return lastConfigIndex(block);
        } catch (OrdererException e) {
            return 0;
        }
    }

    private static ByteString signedBytes(ByteString value, ByteString signatureHeader, Block block) {
        return value.concat(signatureHeader).concat(ByteString.copyFrom(BlockHashes.headerBytes(block.getHeader())));
    }

    private static Block withMetadata(Block block, BlockMetadataIndex index, ByteString entry) {
        Block.Builder builder = block.toBuilder();
        while (builder.getMetadataBuilder().getMetadataCount() < BlockMetadataIndex.values().length - 1) {
            builder.getMetadataBuilder().addMetadata(ByteString.EMPTY);
        }
        builder.getMetadataBuilder().setMetadata(index.getNumber(), entry);
        return builder.build();
    }
}
