package io.weft.ledger;

import io.weft.proto.BlockHashing;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashes. The header hash (the next block's {@code previous_hash}) is SHA-256 of the ASN.1 DER
 * encoding of {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}; the data hash
 * is SHA-256 of the concatenated data entries. Byte-array views of {@link BlockHashing}, which holds the one
 * implementation.
 */
public final class BlockHashes {
    private BlockHashes() {}

    /** The DER bytes the orderer signs and the header hash is taken over. */
    public static byte[] headerBytes(BlockHeader header) {
        return BlockHashing.headerBytes(header);
    }

    public static byte[] headerHash(BlockHeader header) {
        return BlockHashing.headerHash(header).toByteArray();
    }

    public static byte[] dataHash(BlockData data) {
        return BlockHashing.dataHash(data).toByteArray();
    }
}
