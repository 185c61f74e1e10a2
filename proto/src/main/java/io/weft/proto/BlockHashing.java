package io.weft.proto;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashes. The data hash is SHA-256 over the concatenation of the block's data entries (the
 * {@code BlockDataHashingStructure} width MaxUint32 means "no tree"). The header hash, which the next block carries as
 * {@code previous_hash}, is SHA-256 over the ASN.1 DER encoding of
 * {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}, exactly as Go's
 * {@code encoding/asn1} writes it: the number as a minimal two's-complement integer, absent byte strings as empty
 * octet strings.
 */
public final class BlockHashing {
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_SEQUENCE = 0x30;

    private BlockHashing() {}

    /** SHA-256 over {@code data[0] || data[1] || ...}; hash the original bytes, never re-serialized envelopes. */
    public static ByteString dataHash(BlockData data) {
        MessageDigest digest = sha256();
        for (ByteString entry : data.getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(digest.digest());
    }

    /** The DER bytes of the header: what the orderer's block signature covers and what the header hash hashes. */
    public static byte[] headerBytes(BlockHeader header) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeTlv(
                body,
                TAG_INTEGER,
                BigInteger.valueOf(header.getNumber())
                        .add(header.getNumber() < 0 ? BigInteger.ONE.shiftLeft(64) : BigInteger.ZERO)
                        .toByteArray());
        writeTlv(body, TAG_OCTET_STRING, header.getPreviousHash().toByteArray());
        writeTlv(body, TAG_OCTET_STRING, header.getDataHash().toByteArray());
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        writeTlv(sequence, TAG_SEQUENCE, body.toByteArray());
        return sequence.toByteArray();
    }

    /** SHA-256 of {@link #headerBytes}: the block's hash, the next block's {@code previous_hash}. */
    public static ByteString headerHash(BlockHeader header) {
        return ByteString.copyFrom(sha256().digest(headerBytes(header)));
    }

    private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.write(content, 0, length);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
