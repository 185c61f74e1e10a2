package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * How Fabric's Go CLI prints a {@code peer.Response} with {@code %v} (protobuf text format on one line:
 * {@code status:200 payload:"..."}), so that output and error lines read as on Fabric.
 */
final class GoText {
    private GoText() {}

    static String response(Response response) {
        StringBuilder out = new StringBuilder();
        if (response.getStatus() != 0) {
            out.append("status:").append(response.getStatus());
        }
        if (!response.getMessage().isEmpty()) {
            separate(out).append("message:");
            quote(out, response.getMessageBytes());
        }
        if (!response.getPayload().isEmpty()) {
            separate(out).append("payload:");
            quote(out, response.getPayload());
        }
        return out.toString();
    }

    private static StringBuilder separate(StringBuilder out) {
        return out.length() == 0 ? out : out.append(' ');
    }

    /**
     * Go's text-format string quoting: valid UTF-8 is kept, {@code "} and {@code \} and control characters are escaped,
     * bytes that are not UTF-8 become {@code \xNN}.
     */
    static void quote(StringBuilder out, ByteString bytes) {
        out.append('"');
        byte[] raw = bytes.toByteArray();
        int i = 0;
        while (i < raw.length) {
            int length = utf8Length(raw, i);
            if (length > 1) {
                out.append(new String(raw, i, length, StandardCharsets.UTF_8));
                i += length;
                continue;
            }
            int b = raw[i] & 0xFF;
            switch (b) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (b < 0x20 || b >= 0x7F) {
                        out.append("\\x").append(String.format("%02x", b));
                    } else {
                        out.append((char) b);
                    }
                }
            }
            i++;
        }
        out.append('"');
    }

    /** The length of a valid multi-byte UTF-8 sequence at {@code i}, or 1. */
    private static int utf8Length(byte[] raw, int i) {
        int b = raw[i] & 0xFF;
        int length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
        if (b >= 0xF5 || length == 1 || i + length > raw.length) {
            return 1;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, i, length));
            return length;
        } catch (CharacterCodingException e) {
            return 1;
        }
    }
}
