package io.weft.msp;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * ECDSA signatures in ASN.1 DER ({@code SEQUENCE { INTEGER r, INTEGER s }}) and the low-S rule Fabric enforces: a
 * signature whose {@code s} is above half the curve order is refused, and every signature Weft makes is normalised to
 * {@code s <= n/2}.
 */
public final class EcdsaSignatures {
    /** Order of the P-256 group. */
    public static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    public static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    private EcdsaSignatures() {}

    /** The two integers of a DER signature. */
    public record RS(BigInteger r, BigInteger s) {}

    /**
     * Parses a strict DER signature: one SEQUENCE of two positive, minimally encoded INTEGERs and nothing after it.
     *
     * @throws MspException naming what is wrong with the encoding
     */
    public static RS decode(byte[] der) {
        if (der == null || der.length < 8) {
            throw new MspException("malformed ECDSA signature: " + (der == null ? "absent" : der.length + " bytes"));
        }
        int[] pos = {0};
        if ((der[pos[0]++] & 0xff) != 0x30) {
            throw new MspException("malformed ECDSA signature: not a DER SEQUENCE");
        }
        int seqLength = readLength(der, pos);
        if (pos[0] + seqLength != der.length) {
            throw new MspException("malformed ECDSA signature: SEQUENCE length " + seqLength + " does not match "
                    + (der.length - pos[0]) + " remaining bytes");
        }
        BigInteger r = readPositiveInteger(der, pos, "r");
        BigInteger s = readPositiveInteger(der, pos, "s");
        if (pos[0] != der.length) {
            throw new MspException("malformed ECDSA signature: trailing bytes after s");
        }
        return new RS(r, s);
    }

    /** Encodes r and s as DER. */
    public static byte[] encode(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        int contentLength = 2 + rBytes.length + 2 + sBytes.length;
        byte[] out = new byte[(contentLength < 128 ? 2 : 3) + contentLength];
        int i = 0;
        out[i++] = 0x30;
        if (contentLength >= 128) {
            out[i++] = (byte) 0x81;
        }
        out[i++] = (byte) contentLength;
        out[i++] = 0x02;
        out[i++] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, i, rBytes.length);
        i += rBytes.length;
        out[i++] = 0x02;
        out[i++] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, i, sBytes.length);
        return out;
    }

    /** True when s is at most half the P-256 order. */
    public static boolean isLowS(RS signature) {
        return signature.s().compareTo(P256_HALF_ORDER) <= 0;
    }

    /** True when s is at most half of the given curve order. */
    public static boolean isLowS(RS signature, BigInteger curveOrder) {
        return signature.s().compareTo(curveOrder.shiftRight(1)) <= 0;
    }

    /** Returns the low-S form of a DER signature over P-256 (the input itself when already low-S). */
    public static byte[] toLowS(byte[] der) {
        return toLowS(der, P256_ORDER);
    }

    /** Returns the low-S form of a DER signature for the given curve order (the input when already low-S). */
    public static byte[] toLowS(byte[] der, BigInteger curveOrder) {
        RS rs = decode(der);
        if (isLowS(rs, curveOrder)) {
            return der;
        }
        return encode(rs.r(), curveOrder.subtract(rs.s()));
    }

    /** Big-endian magnitude of half the P-256 order. */
    private static final byte[] P256_HALF_ORDER_BYTES = magnitude(P256_HALF_ORDER);

    /**
     * Checks a DER signature as strictly as {@link #decode} and tells whether its s is low, without allocating: this
     * runs before every verification on the commit path.
     *
     * @throws MspException when the encoding is malformed
     */
    public static boolean isStrictDerWithLowS(byte[] der, BigInteger curveOrder) {
        if (der == null || der.length < 8) {
            throw new MspException("malformed ECDSA signature: " + (der == null ? "absent" : der.length + " bytes"));
        }
        if ((der[0] & 0xff) != 0x30) {
            throw new MspException("malformed ECDSA signature: not a DER SEQUENCE");
        }
        int pos = 1;
        int seqLength = der[pos++] & 0xff;
        if (seqLength == 0x81) {
            seqLength = der[pos++] & 0xff;
            if (seqLength < 0x80) {
                throw new MspException("malformed ECDSA signature: length not minimally encoded");
            }
        } else if (seqLength > 0x80) {
            throw new MspException("malformed ECDSA signature: unsupported length encoding");
        }
        if (pos + seqLength != der.length) {
            throw new MspException("malformed ECDSA signature: SEQUENCE length " + seqLength + " does not match "
                    + (der.length - pos) + " remaining bytes");
        }
        int sStart = skipPositiveInteger(der, pos, "r");
        int end = skipPositiveInteger(der, sStart, "s");
        if (end != der.length) {
            throw new MspException("malformed ECDSA signature: trailing bytes after s");
        }
        int sLength = der[sStart + 1];
        int from = sStart + 2;
        if (der[from] == 0) {
            from++;
            sLength--;
        }
        byte[] half = curveOrder.equals(P256_ORDER) ? P256_HALF_ORDER_BYTES : magnitude(curveOrder.shiftRight(1));
        if (sLength != half.length) {
            return sLength < half.length;
        }
        return Arrays.compareUnsigned(der, from, from + sLength, half, 0, half.length) <= 0;
    }

    /** Validates one short-form INTEGER at {@code pos} and returns the position after it. */
    private static int skipPositiveInteger(byte[] der, int pos, String name) {
        if (pos + 2 > der.length || der[pos] != 0x02) {
            throw new MspException("malformed ECDSA signature: " + name + " is not a DER INTEGER");
        }
        int length = der[pos + 1] & 0xff;
        int value = pos + 2;
        if (length == 0 || length >= 0x80 || value + length > der.length) {
            throw new MspException("malformed ECDSA signature: " + name + " is truncated or too long");
        }
        if (der[value] < 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is negative");
        }
        if (length > 1 && der[value] == 0 && der[value + 1] >= 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is not minimally encoded");
        }
        if (length == 1 && der[value] == 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is zero");
        }
        return value + length;
    }

    private static byte[] magnitude(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static int readLength(byte[] der, int[] pos) {
        if (pos[0] >= der.length) {
            throw new MspException("malformed ECDSA signature: truncated length");
        }
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        if (first != 0x81 || pos[0] >= der.length) {
            throw new MspException("malformed ECDSA signature: unsupported length encoding");
        }
        int length = der[pos[0]++] & 0xff;
        if (length < 0x80) {
            throw new MspException("malformed ECDSA signature: length not minimally encoded");
        }
        return length;
    }

    private static BigInteger readPositiveInteger(byte[] der, int[] pos, String name) {
        if (pos[0] >= der.length || der[pos[0]++] != 0x02) {
            throw new MspException("malformed ECDSA signature: " + name + " is not a DER INTEGER");
        }
        int length = readLength(der, pos);
        if (length == 0 || pos[0] + length > der.length) {
            throw new MspException("malformed ECDSA signature: " + name + " is truncated");
        }
        byte[] value = Arrays.copyOfRange(der, pos[0], pos[0] + length);
        pos[0] += length;
        if (value[0] < 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is negative");
        }
        if (length > 1 && value[0] == 0 && value[1] >= 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is not minimally encoded");
        }
        BigInteger result = new BigInteger(1, value);
        if (result.signum() == 0) {
            throw new MspException("malformed ECDSA signature: " + name + " is zero");
        }
        return result;
    }
}
