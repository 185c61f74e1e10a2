package io.weft.peer.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code connection.json} of a chaincode-as-a-service package (at the top of {@code code.tar.gz}, where Fabric's
 * ccaas builder looks), with the fields and checks of Fabric's {@code ChaincodeServerUserData}: {@code address},
 * {@code dial_timeout}, and for TLS {@code tls_required}, {@code root_cert} (PEM of the CA that issued the chaincode
 * server's certificate, required with TLS), {@code client_auth_required} with {@code client_key} and {@code
 * client_cert} (PEM, required with client authentication), and {@code domain} (the name to verify the server's
 * certificate against instead of the host of {@code address}; Fabric uses it only with client authentication).
 *
 * @param address {@code host:port} of the chaincode server
 * @param dialTimeout {@code dial_timeout} (a Go duration such as {@code "10s"}; Fabric's default 3 s)
 * @param tls present when {@code tls_required}
 */
record ConnectionInfo(String address, Duration dialTimeout, Optional<Tls> tls) {
    static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /**
     * TLS toward the chaincode server.
     *
     * @param rootCertificatePem {@code root_cert}
     * @param clientKeyPem {@code client_key}, empty without client authentication
     * @param clientCertificatePem {@code client_cert}, empty without client authentication
     * @param domain {@code domain}, empty to verify the host of the address; used only with client authentication
     */
    record Tls(String rootCertificatePem, String clientKeyPem, String clientCertificatePem, String domain) {
        boolean clientAuthentication() {
            return !clientKeyPem.isEmpty();
        }

        /** Leaves the private key out. */
        @Override
        public String toString() {
            return "Tls[clientAuthentication=" + clientAuthentication() + ", domain=" + domain + "]";
        }
    }

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
        String timeout = node.path("dial_timeout").asText("");
        return new ConnectionInfo(
                node.path("address").asText(),
                timeout.isEmpty() ? DEFAULT_DIAL_TIMEOUT : goDuration(timeout),
                node.path("tls_required").asBoolean(false) ? Optional.of(tls(node)) : Optional.empty());
    }

    private static Tls tls(JsonNode node) {
        boolean clientAuth = node.path("client_auth_required").asBoolean(false);
        String key = node.path("client_key").asText("");
        String cert = node.path("client_cert").asText("");
        String root = node.path("root_cert").asText("");
        if (clientAuth && key.isEmpty()) {
            throw new ChaincodeException("connection.json: client_auth_required is true but the chaincode TLS key"
                    + " (client_key, PEM) is not provided");
        }
        if (clientAuth && cert.isEmpty()) {
            throw new ChaincodeException("connection.json: client_auth_required is true but the chaincode TLS"
                    + " certificate (client_cert, PEM) is not provided");
        }
        if (root.isEmpty()) {
            throw new ChaincodeException("connection.json: tls_required is true but the chaincode TLS root"
                    + " certificate (root_cert, PEM of the CA of the chaincode server) is not provided");
        }
        Tls tls = new Tls(
                root,
                clientAuth ? key : "",
                clientAuth ? cert : "",
                node.path("domain").asText(""));
        ChaincodeServerTls.check(tls);
        return tls;
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
