package io.weft.peer.chaincode;

import java.util.Locale;

/**
 * A package's {@code metadata.json}: {@code {"type", "label", "path"}}.
 *
 * @param type the chaincode type as written ({@code java}, {@code ccaas}, {@code external}, ...)
 * @param label the label, the first half of the package id
 * @param path the source path the packager recorded (may be empty)
 */
public record ChaincodePackageMetadata(String type, String label, String path) {
    /** Whether the peer dials the chaincode ({@code ccaas}/{@code external} with a connection.json). */
    public boolean isExternal() {
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("ccaas") || t.equals("external");
    }

    public boolean isJava() {
        return type.toLowerCase(Locale.ROOT).equals("java");
    }
}
