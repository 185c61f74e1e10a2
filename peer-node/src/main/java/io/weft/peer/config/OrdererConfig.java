package io.weft.peer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orderer's settings from {@code orderer.yaml} (found through {@code FABRIC_CFG_PATH}) with {@code ORDERER_*}
 * overrides, under Fabric's key names.
 */
public record OrdererConfig(
        String listenHost,
        int listenPort,
        TlsSettings tls,
        Path localMspDir,
        String localMspId,
        Path fileLedgerLocation,
        String adminListenAddress,
        TlsSettings adminTls,
        boolean channelParticipationEnabled,
        long maxRequestBodyBytes,
        String operationsListenAddress,
        TlsSettings operationsTls,
        String metricsProvider,
        String loggingSpec,
        int ordererQueueCapacity) {

    private static final Logger LOG = LoggerFactory.getLogger(OrdererConfig.class);

    /**
     * Reads and checks the config; every problem is reported at once.
     *
     * @throws ConfigException naming each key that is wrong
     */
    public static OrdererConfig from(YamlConfig config) {
        TlsSettings tls = TlsSettings.read(config, "General.TLS");
        TlsSettings adminTls = TlsSettings.read(config, "Admin.TLS");
        OrdererConfig result = new OrdererConfig(
                config.string("General.ListenAddress", "127.0.0.1"),
                config.integer("General.ListenPort", 7050, 0, 65535),
                tls,
                config.path("General.LocalMSPDir").orElse(Path.of("msp").toAbsolutePath()),
                config.string("General.LocalMSPID", ""),
                config.path("FileLedger.Location").orElse(Path.of("/var/hyperledger/production/orderer")),
                config.string("Admin.ListenAddress", "127.0.0.1:9443"),
                adminTls,
                config.bool("ChannelParticipation.Enabled", true),
                config.bytes("ChannelParticipation.MaxRequestBodySize", 1024 * 1024),
                config.string("Operations.ListenAddress", ""),
                TlsSettings.read(config, "Operations.TLS"),
                config.string("Metrics.Provider", "disabled"),
                config.environment("FABRIC_LOGGING_SPEC").orElse("info"),
                config.integer("General.Weft.OrderingQueue", 10_000, 1, 10_000_000));
        if (result.localMspId().isEmpty()) {
            config.problem("General.LocalMSPID must be set (the orderer's MSP ID, e.g. OrdererMSP)");
        }
        String bootstrap = config.string("General.BootstrapMethod", "none");
        if (!bootstrap.equalsIgnoreCase("none")) {
            config.problem(
                    "General.BootstrapMethod: only 'none' is supported (channels are joined with osnadmin), got '"
                            + bootstrap + "'");
        }
        tls.checkServer("General.TLS", config);
        adminTls.checkServer("Admin.TLS", config);
        config.check();
        List<String> unknown = config.unknownKeys(List.of(
                "General.",
                "Operations.",
                "Metrics.",
                "Consensus.",
                "Debug.",
                "Kafka.",
                "FileLedger.",
                "Admin.",
                "ChannelParticipation.",
                "BCCSP."));
        unknown.forEach(key -> LOG.warn("orderer.yaml: unknown key {} is ignored", key));
        return result;
    }

    /** {@code orderer.yaml} in the folder named by {@code FABRIC_CFG_PATH} (or the current folder). */
    public static Path configFile(Map<String, String> env) {
        String dir = env.getOrDefault("FABRIC_CFG_PATH", "");
        return (dir.isBlank() ? Path.of(".") : Path.of(dir)).resolve("orderer.yaml");
    }
}
