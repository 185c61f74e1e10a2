package io.weft.shim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the shim connects, read once from Fabric's environment and arguments by {@link #fromEnvironment}; the only
 * place the shim reads the environment.
 *
 * @param chaincodeId the ID sent in REGISTER: the package ID ({@code label:hash}) for a {@code _lifecycle} chaincode
 * @param peerAddress the peer's chaincode listener to dial ({@code host:port}); unused in server mode
 * @param serverAddress when non-null, run as a chaincode server ({@code host:port}) the peer dials
 * @param tls TLS settings, or {@link TlsSettings#DISABLED}
 * @param localMspId the peer's MSP ID as handed to the chaincode ({@code CORE_PEER_LOCALMSPID}), may be empty
 * @param maxConcurrency how many transactions run at once; more wait in a queue of 5,000, beyond which they are
 *     refused with an ERROR naming the limit
 * @param maxInboundMessageBytes the largest message accepted from the peer
 * @param peerResponseTimeout how long a stub call waits for the peer's answer
 */
public record ShimConfig(
        String chaincodeId,
        HostAndPort peerAddress,
        HostAndPort serverAddress,
        TlsSettings tls,
        String localMspId,
        int maxConcurrency,
        int maxInboundMessageBytes,
        Duration peerResponseTimeout) {

    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 100 * 1024 * 1024;
    public static final Duration DEFAULT_PEER_RESPONSE_TIMEOUT = Duration.ofMinutes(5);
    public static final HostAndPort DEFAULT_PEER_ADDRESS = new HostAndPort("127.0.0.1", 7052);

    /** A {@code host:port} address. */
    public record HostAndPort(String host, int port) {
        /** @throws IllegalArgumentException unless the text is {@code host:port} with a port in 1..65535 */
        public static HostAndPort parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + text + "'");
            }
            String host = text.substring(0, colon).trim();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port with a numeric port, got '" + text + "'", e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be in 1..65535, got '" + text + "'");
            }
            return new HostAndPort(host, port);
        }

        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /**
     * TLS files as Fabric hands them to a chaincode.
     *
     * @param rootCertFile PEM CA certificate(s) the peer's certificate must chain to ({@code
     *     CORE_PEER_TLS_ROOTCERT_FILE})
     * @param clientKeyPath base64 of the PEM client key ({@code CORE_TLS_CLIENT_KEY_PATH})
     * @param clientCertPath base64 of the PEM client certificate ({@code CORE_TLS_CLIENT_CERT_PATH})
     * @param clientKeyFile plain PEM key ({@code CORE_TLS_CLIENT_KEY_FILE}); the server key in server mode
     * @param clientCertFile plain PEM certificate ({@code CORE_TLS_CLIENT_CERT_FILE}); the server certificate in
     *     server mode
     */
    public record TlsSettings(
            boolean enabled,
            Path rootCertFile,
            Path clientKeyPath,
            Path clientCertPath,
            Path clientKeyFile,
            Path clientCertFile) {
        public static final TlsSettings DISABLED = new TlsSettings(false, null, null, null, null, null);
    }

    /** A plaintext configuration for a chaincode dialing {@code peerAddress}, with defaults for the rest. */
    public static ShimConfig of(String chaincodeId, HostAndPort peerAddress) {
        return new ShimConfig(
                chaincodeId,
                peerAddress,
                null,
                TlsSettings.DISABLED,
                "",
                DEFAULT_MAX_CONCURRENCY,
                DEFAULT_MAX_INBOUND_MESSAGE_BYTES,
                DEFAULT_PEER_RESPONSE_TIMEOUT);
    }

    /** True when the chaincode runs as a server the peer dials (chaincode-as-a-service). */
    public boolean serverMode() {
        return serverAddress != null;
    }

    public ShimConfig withMaxConcurrency(int limit) {
        return new ShimConfig(
                chaincodeId,
                peerAddress,
                serverAddress,
                tls,
                localMspId,
                limit,
                maxInboundMessageBytes,
                peerResponseTimeout);
    }

    public ShimConfig withPeerResponseTimeout(Duration timeout) {
        return new ShimConfig(
                chaincodeId,
                peerAddress,
                serverAddress,
                tls,
                localMspId,
                maxConcurrency,
                maxInboundMessageBytes,
                timeout);
    }

    /**
     * Reads Fabric's chaincode environment, then the command line ({@code -a/--peer.address/--peerAddress host:port},
     * {@code -i/--id id}), which wins.
     *
     * @throws ShimException listing every problem found
     */
    public static ShimConfig fromEnvironment(Map<String, String> env, String[] args) {
        List<String> problems = new ArrayList<>();
        String chaincodeId = env.get("CORE_CHAINCODE_ID_NAME");
        if ((chaincodeId == null || chaincodeId.isBlank()) && env.get("CHAINCODE_SERVER_ADDRESS") != null) {
            chaincodeId = env.get("CHAINCODE_ID");
        }
        String peer = env.get("CORE_PEER_ADDRESS");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            boolean isPeer = name.equals("-a") || name.equals("--peer.address") || name.equals("--peerAddress");
            boolean isId = name.equals("-i") || name.equals("--id");
            if (!isPeer && !isId) {
                continue;
            }
            String value = inline != null ? inline : (i + 1 < args.length ? args[++i] : null);
            if (value == null) {
                problems.add("option " + name + " needs a value");
            } else if (isPeer) {
                peer = value;
            } else {
                chaincodeId = value;
            }
        }
        if (chaincodeId == null || chaincodeId.isBlank()) {
            problems.add(
                    "the chaincode ID is not set: set CORE_CHAINCODE_ID_NAME (CHAINCODE_ID in server mode) or pass -i/--id");
        }
        HostAndPort peerAddress = address("peer address (CORE_PEER_ADDRESS / --peerAddress)", peer, problems);
        HostAndPort serverAddress = address("CHAINCODE_SERVER_ADDRESS", env.get("CHAINCODE_SERVER_ADDRESS"), problems);
        TlsSettings tls = tls(env, serverAddress != null, problems);
        int maxConcurrency = positive(env, "CORE_CHAINCODE_MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENCY, problems);
        int maxInbound = positive(env, "MAX_INBOUND_MESSAGE_SIZE", DEFAULT_MAX_INBOUND_MESSAGE_BYTES, problems);
        if (!problems.isEmpty()) {
            throw new ShimException("invalid chaincode configuration: " + String.join("; ", problems));
        }
        return new ShimConfig(
                chaincodeId,
                peerAddress == null ? DEFAULT_PEER_ADDRESS : peerAddress,
                serverAddress,
                tls,
                env.getOrDefault("CORE_PEER_LOCALMSPID", ""),
                maxConcurrency,
                maxInbound,
                DEFAULT_PEER_RESPONSE_TIMEOUT);
    }

    private static HostAndPort address(String what, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return HostAndPort.parse(value.trim());
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }

    private static TlsSettings tls(Map<String, String> env, boolean serverMode, List<String> problems) {
        String enabled =
                env.getOrDefault("CORE_PEER_TLS_ENABLED", "false").trim().toLowerCase(Locale.ROOT);
        if (!enabled.equals("true")) {
            return TlsSettings.DISABLED;
        }
        List<String> required = serverMode
                ? List.of("CORE_TLS_CLIENT_KEY_FILE", "CORE_TLS_CLIENT_CERT_FILE")
                : List.of("CORE_PEER_TLS_ROOTCERT_FILE", "CORE_TLS_CLIENT_KEY_PATH", "CORE_TLS_CLIENT_CERT_PATH");
        for (String name : required) {
            if (env.get(name) == null || env.get(name).isBlank()) {
                problems.add("CORE_PEER_TLS_ENABLED=true needs " + name);
            }
        }
        return new TlsSettings(
                true,
                path(env, "CORE_PEER_TLS_ROOTCERT_FILE"),
                path(env, "CORE_TLS_CLIENT_KEY_PATH"),
                path(env, "CORE_TLS_CLIENT_CERT_PATH"),
                path(env, "CORE_TLS_CLIENT_KEY_FILE"),
                path(env, "CORE_TLS_CLIENT_CERT_FILE"));
    }

    private static Path path(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static int positive(Map<String, String> env, String name, int fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a positive integer, got '" + value + "'");
        return fallback;
    }
}
