package io.weft.orderer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Reads one named part of a {@code multipart/form-data} body (RFC 7578), as the admin API receives config blocks. */
final class MultipartForm {
    private MultipartForm() {}

    /**
     * The content of the part named {@code field}.
     *
     * @throws IllegalArgumentException when the body has no boundary, no such part, or is malformed
     */
    static byte[] file(String contentType, byte[] body, String field) {
        String boundary = null;
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = p.substring("boundary=".length()).replace("\"", "");
            }
        }
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int headersStart = position + delimiter.length;
            if (headersStart + 2 <= body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
                break; // closing delimiter
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("malformed multipart body: part without a header end");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("malformed multipart body: part without an end");
            }
            if (headers.contains("name=\"" + field + "\"")) {
                return Arrays.copyOfRange(body, contentStart, next);
            }
            position = next + 2;
        }
        throw new IllegalArgumentException("form does not contain part key: " + field);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
