package io.weft.peer.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's settings from {@code core.yaml} (found through {@code FABRIC_CFG_PATH}) with {@code CORE_*} overrides and
 * command-line flags over both, under Fabric's key names. Read once and checked at start: every problem is reported at
 * once, each naming its key; unknown keys are warned about.
 */
public record PeerConfig(
        String peerId,
        String listenAddress,
        String address,
        String chaincodeListenAddress,
        String chaincodeAddress,
        Path mspConfigPath,
        String localMspId,
        Path fileSystemPath,
        TlsSettings tls,
        Gateway gateway,
        Limits limits,
        long maxRecvMsgSize,
        long maxSendMsgSize,
        Duration authenticationTimeWindow,
        Chaincode chaincode,
        String vmEndpoint,
        int totalQueryLimit,
        boolean historyEnabled,
        String operationsListenAddress,
        TlsSettings operationsTls,
        String metricsProvider,
        String loggingSpec) {

    private static final Logger LOG = LoggerFactory.getLogger(PeerConfig.class);

    /** {@code peer.gateway.*}; {@code peers} are other orgs' peers the gateway may ask for endorsements. */
    public record Gateway(
            boolean enabled,
            Duration endorsementTimeout,
            Duration broadcastTimeout,
            Duration dialTimeout,
            List<RemotePeer> peers) {}

    /** A peer of another org, as {@code peer.gateway.peers} lists it (Weft's stand-in for discovery). */
    public record RemotePeer(String mspId, String address, Path tlsRootCert, String hostnameOverride) {}

    /** {@code peer.limits.concurrency.*}: fail-fast limits per gRPC service; 0 disables a limit. */
    public record Limits(int endorserService, int deliverService, int gatewayService) {}

    /**
     * {@code chaincode.*}.
     *
     * @param runtime Weft's {@code chaincode.runtime}: auto (Docker when {@code vm.endpoint} answers, else a child
     *     process), docker, process
     * @param installTimeout {@code chaincode.installTimeout}: bound on building a package at install (its Maven
     *     project and its Docker image)
     * @param mavenRepositories Weft's {@code chaincode.java.mavenRepositories}: local Maven repositories mounted
     *     read-only into the container that builds Maven chaincode projects, searched in order before Maven Central;
     *     by default {@code ~/.m2/repository} when it exists; empty for none
     */
    public record Chaincode(
            String mode,
            String runtime,
            Duration startupTimeout,
            Duration executeTimeout,
            Duration installTimeout,
            Duration keepalive,
            List<Path> mavenRepositories) {
        public Chaincode {
            mavenRepositories = List.copyOf(mavenRepositories);
        }

        public boolean devMode() {
            return mode.equalsIgnoreCase("dev");
        }
    }

    /**
     * Reads and checks the configuration.
     *
     * @throws ConfigException naming every key that is wrong
     */
    public static PeerConfig from(YamlConfig config) {
        String listen = config.string("peer.listenAddress", "0.0.0.0:7051");
        String chaincodeListen = config.string("peer.chaincodeListenAddress", host(listen) + ":7052");
        TlsSettings tls = TlsSettings.readCore(config, "peer.tls");
        PeerConfig result = new PeerConfig(
                config.string("peer.id", "jdoe"),
                listen,
                config.string("peer.address", listen),
                chaincodeListen,
                config.string("peer.chaincodeAddress", chaincodeListen),
                config.path("peer.mspConfigPath").orElse(Path.of("msp").toAbsolutePath()),
                config.string("peer.localMspId", ""),
                config.path("peer.fileSystemPath").orElse(Path.of("/var/hyperledger/production")),
                tls,
                new Gateway(
                        config.bool("peer.gateway.enabled", true),
                        config.duration("peer.gateway.endorsementTimeout", Duration.ofSeconds(30)),
                        config.duration("peer.gateway.broadcastTimeout", Duration.ofSeconds(30)),
                        config.duration("peer.gateway.dialTimeout", Duration.ofMinutes(2)),
                        remotePeers(config)),
                new Limits(
                        config.integer("peer.limits.concurrency.endorserService", 2500, 0, 1_000_000),
                        config.integer("peer.limits.concurrency.deliverService", 2500, 0, 1_000_000),
                        config.integer("peer.limits.concurrency.gatewayService", 500, 0, 1_000_000)),
                config.bytes("peer.maxRecvMsgSize", 100L * 1024 * 1024),
                config.bytes("peer.maxSendMsgSize", 100L * 1024 * 1024),
                config.duration("peer.authentication.timewindow", Duration.ofMinutes(15)),
                new Chaincode(
                        config.string("chaincode.mode", "net"),
                        config.string("chaincode.runtime", "auto").toLowerCase(Locale.ROOT),
                        config.duration("chaincode.startuptimeout", Duration.ofMinutes(5)),
                        config.duration("chaincode.executetimeout", Duration.ofSeconds(30)),
                        config.duration("chaincode.installTimeout", Duration.ofMinutes(5)),
                        config.duration("chaincode.keepalive", Duration.ZERO),
                        mavenRepositories(config)),
                config.string("vm.endpoint", "unix:///var/run/docker.sock"),
                config.integer("ledger.state.totalQueryLimit", 100_000, 1, Integer.MAX_VALUE),
                config.bool("ledger.history.enableHistoryDatabase", true),
                config.string("operations.listenAddress", "127.0.0.1:9443"),
                TlsSettings.readCore(config, "operations.tls"),
                config.string("metrics.provider", "disabled"),
                config.environment("FABRIC_LOGGING_SPEC").orElse(config.string("logging.spec", "info")));
        result.check(config);
        config.check();
        List<String> unknown = config.unknownKeys(List.of(
                "peer.gossip.",
                "peer.keepalive.",
                "peer.deliveryclient.",
                "peer.discovery.",
                "peer.handlers.",
                "peer.BCCSP.",
                "peer.validatorPool",
                "peer.profile.",
                "peer.tls.",
                "peer.limits.",
                "peer.gateway.",
                "peer.client",
                "peer.networkId",
                "peer.addressAutoDetect",
                "peer.authentication.",
                "vm.",
                "chaincode.",
                "ledger.",
                "operations.",
                "metrics.",
                "logging."));
        unknown.forEach(key -> LOG.warn("core.yaml: unknown key {} is ignored", key));
        return result;
    }

    private void check(YamlConfig config) {
        if (localMspId.isBlank()) {
            config.problem("peer.localMspId must be set (the peer's MSP ID, e.g. Org1MSP)");
        }
        for (String[] address : new String[][] {
            {"peer.listenAddress", listenAddress},
            {"peer.address", address},
            {"peer.chaincodeListenAddress", chaincodeListenAddress},
            {"peer.chaincodeAddress", chaincodeAddress}
        }) {
            if (!address[1].matches("[^:\\s]*:\\d{1,5}")) {
                config.problem(address[0] + ": expected host:port, got '" + address[1] + "'");
            }
        }
        if (!List.of("net", "dev").contains(chaincode.mode().toLowerCase(Locale.ROOT))) {
            config.problem("chaincode.mode: expected net or dev, got '" + chaincode.mode() + "'");
        }
        if (!List.of("auto", "docker", "process").contains(chaincode.runtime())) {
            config.problem("chaincode.runtime: expected auto, docker or process, got '" + chaincode.runtime() + "'");
        }
        if (!List.of("disabled", "prometheus").contains(metricsProvider.toLowerCase(Locale.ROOT))) {
            config.problem("metrics.provider: expected disabled or prometheus, got '" + metricsProvider + "'");
        }
        tls.checkCoreServer("peer.tls", config);
        operationsTls.checkCoreServer("operations.tls", config);
    }

    /** {@code chaincode.java.mavenRepositories} (a list, or one path), else {@code ~/.m2/repository} if it exists. */
    private static List<Path> mavenRepositories(YamlConfig config) {
        String key = "chaincode.java.mavenRepositories";
        if (config.raw(key).isEmpty()) {
            Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
            return Files.isDirectory(userRepository) ? List.of(userRepository) : List.of();
        }
        List<Path> repositories = config.paths(key);
        for (Path repository : repositories) {
            if (!Files.isDirectory(repository)) {
                config.problem(key + ": " + repository + " is not a folder (expected local Maven repositories such as"
                        + " ~/.m2/repository)");
            }
        }
        return repositories;
    }

    private static List<RemotePeer> remotePeers(YamlConfig config) {
        List<RemotePeer> peers = new ArrayList<>();
        Object raw = config.raw("peer.gateway.peers").orElse(List.of());
        if (!(raw instanceof List<?> list)) {
            config.problem("peer.gateway.peers: expected a list of {mspid, address, tlsRootCert}");
            return peers;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)
                    || entry.get("mspid") == null
                    || entry.get("address") == null) {
                config.problem("peer.gateway.peers[" + i + "]: needs mspid and address");
                continue;
            }
            Object cert = entry.get("tlsRootCert");
            peers.add(new RemotePeer(
                    entry.get("mspid").toString(),
                    entry.get("address").toString(),
                    cert == null ? null : config.resolve(cert.toString()),
                    entry.get("hostnameOverride") == null
                            ? ""
                            : entry.get("hostnameOverride").toString()));
        }
        return peers;
    }

    private static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** {@code core.yaml} in the folder named by {@code FABRIC_CFG_PATH} (or the current folder). */
    public static Path configFile(Map<String, String> env) {
        String dir = env.getOrDefault("FABRIC_CFG_PATH", "");
        return (dir.isBlank() ? Path.of(".") : Path.of(dir)).resolve("core.yaml");
    }
}
