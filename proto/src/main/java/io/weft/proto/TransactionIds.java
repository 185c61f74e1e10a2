package io.weft.proto;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fabric's transaction ID: lowercase hex of SHA-256(nonce || creator), over the exact serialized creator bytes. */
public final class TransactionIds {
    private TransactionIds() {}

    public static String of(ByteString nonce, ByteString creator) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nonce.asReadOnlyByteBuffer());
            digest.update(creator.asReadOnlyByteBuffer());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
