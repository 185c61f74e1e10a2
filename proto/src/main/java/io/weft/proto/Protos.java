package io.weft.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/** Protobuf decoding helpers for Fabric's nested messages. */
public final class Protos {
    private Protos() {}

    /**
     * Decodes {@code bytes} with aliasing: the decoded message's {@code bytes} fields are views of {@code bytes}
     * rather than copies. Fabric nests messages as bytes fields several levels deep (envelope, payload, transaction,
     * action, response payload, read-write set), so decoding a transaction level by level would otherwise copy most of
     * it once per level. Safe because a {@code ByteString} is immutable; the views keep {@code bytes} reachable.
     */
    public static <T> T parseAliased(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
        CodedInputStream input = bytes.newCodedInput();
        input.enableAliasing(true);
        T message = parser.parseFrom(input);
        input.checkLastTagWas(0);
        return message;
    }
}
