package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashes. The header hash (the next block's {@code previous_hash}) is SHA-256 of the ASN.1 DER
 * encoding of {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}; the data hash
 * is SHA-256 of the concatenated data entries.
 */
public final class BlockHashes {
    private BlockHashes() {}

    /** The DER bytes the orderer signs and the header hash is taken over. */
    public static byte[] headerBytes(BlockHeader header) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(80);
        writeTlv(body, 0x02, new BigInteger(Long.toUnsignedString(header.getNumber())).toByteArray());
        writeTlv(body, 0x04, header.getPreviousHash().toByteArray());
        writeTlv(body, 0x04, header.getDataHash().toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        writeTlv(out, 0x30, body.toByteArray());
        return out.toByteArray();
    }

    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    public static byte[] dataHash(BlockData data) {
        MessageDigest digest = sha256();
        for (ByteString entry : data.getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        return digest.digest();
    }

    private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.write(value, 0, value.length);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
