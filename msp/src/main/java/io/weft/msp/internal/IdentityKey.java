package io.weft.msp.internal;

import com.google.protobuf.ByteString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A cache key over serialized identity bytes that hashes eight bytes at a time and compares with the vectorised
 * {@link Arrays#equals(byte[], byte[])}. A freshly parsed {@link ByteString} has no cached hash and hashes byte by byte,
 * which costs more than a microsecond for a typical 800-byte identity on every committed signature.
 */
public final class IdentityKey {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final int hash;

    private IdentityKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = hash(bytes);
    }

    public static IdentityKey of(ByteString serialized) {
        return new IdentityKey(serialized.toByteArray());
    }

    private static int hash(byte[] bytes) {
        long h = bytes.length;
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(bytes, i);
        }
        for (; i < bytes.length; i++) {
            h = h * 31 + bytes[i];
        }
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityKey that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
