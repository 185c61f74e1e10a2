package io.weft.peer.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code connection.json} of a chaincode-as-a-service package (at the top of {@code code.tar.gz}, where Fabric's
 * ccaas builder looks): {@code {"address", "dial_timeout", "tls_required", ...}}. TLS to chaincode servers is not
 * supported by Weft yet, so {@code tls_required: true} is refused.
 *
 * @param address {@code host:port} of the chaincode server
 * @param dialTimeout {@code dial_timeout} (a Go duration such as {@code "10s"}; Fabric's default 3 s)
 */
record ConnectionInfo(String address, Duration dialTimeout) {
    static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    static ConnectionInfo parse(ChaincodePackage pkg) {
        byte[] json = pkg.codeFile("connection.json")
                .orElseThrow(() -> new ChaincodeException("chaincode package of type '"
                        + pkg.metadata().type() + "' has no connection.json at the top of code.tar.gz"));
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new ChaincodeException("connection.json is not valid JSON: " + e.getMessage(), e);
        }
        if (node == null
                || !node.isObject()
                || !node.path("address").isTextual()
                || node.path("address").asText().isBlank()) {
            throw new ChaincodeException("connection.json must hold an object with a non-empty \"address\"");
        }
        if (node.path("tls_required").asBoolean(false)) {
            throw new ChaincodeException(
                    "connection.json asks for TLS (tls_required: true), which Weft does not support yet for"
                            + " chaincode servers");
        }
        String timeout = node.path("dial_timeout").asText("");
        return new ConnectionInfo(
                node.path("address").asText(), timeout.isEmpty() ? DEFAULT_DIAL_TIMEOUT : goDuration(timeout));
    }

    /** Parses Go's {@code time.Duration} text ({@code "10s"}, {@code "1m30s"}, {@code "500ms"}). */
    static Duration goDuration(String text) {
        Matcher m = GO_DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            end = m.end();
            double amount = Double.parseDouble(m.group(1));
            double nanosPerUnit =
                    switch (m.group(2)) {
                        case "ns" -> 1;
                        case "us", "µs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            total = total.plusNanos((long) (amount * nanosPerUnit));
        }
        if (end != text.length() || end == 0) {
            throw new ChaincodeException("connection.json: dial_timeout \"" + text + "\" is not a duration like 10s");
        }
        return total;
    }
}
