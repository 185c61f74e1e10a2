package io.weft.peer.cli.peer;

import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import io.weft.msp.MspFolder;
import io.weft.msp.SigningIdentity;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.config.YamlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code peer} CLI reads from {@code $FABRIC_CFG_PATH/core.yaml} (when present) and {@code CORE_*} variables,
 * as Fabric's CLI does: the client identity ({@code peer.localMspId}, {@code peer.mspConfigPath}), the default target
 * peer ({@code peer.address}, {@code peer.tls.*}) and, for the offline node commands, {@code peer.fileSystemPath}.
 */
final class ClientConfig {
    private final YamlConfig yaml;
    private final String source;

    private ClientConfig(YamlConfig yaml, String source) {
        this.yaml = yaml;
        this.source = source;
    }

    /**
     * Reads the config.
     *
     * @param configFile an explicit core.yaml ({@code --config}); null to look in {@code FABRIC_CFG_PATH}
     * @throws ConfigException when an explicit file is missing or a file is not YAML
     */
    static ClientConfig load(Path configFile, Map<String, String> env) {
        if (configFile != null) {
            return new ClientConfig(YamlConfig.load(configFile, "CORE", env), configFile.toString());
        }
        Path file = PeerConfig.configFile(env);
        if (Files.isRegularFile(file)) {
            return new ClientConfig(YamlConfig.load(file, "CORE", env), file.toString());
        }
        Path cwd = Path.of("").toAbsolutePath();
        return new ClientConfig(YamlConfig.parse("", cwd, "CORE", env, "environment"), "the environment");
    }

    String mspId() {
        return yaml.string("peer.localMspId", "").trim();
    }

    Path mspDir() {
        return yaml.path("peer.mspConfigPath").orElseGet(() -> Path.of("msp").toAbsolutePath());
    }

    /**
     * The identity the CLI signs with.
     *
     * @throws ConfigException naming the variable to set or the MSP file that is wrong
     */
    SigningIdentity signer() {
        String mspId = mspId();
        if (mspId.isEmpty()) {
            throw new ConfigException("CORE_PEER_LOCALMSPID is not set (peer.localMspId in " + source
                    + "): set it to the MSP ID of the identity to act as, e.g. Org1MSP");
        }
        Path dir = mspDir();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("CORE_PEER_MSPCONFIGPATH (peer.mspConfigPath) names " + dir
                    + ", which is not a folder: point it at an MSP folder such as"
                    + " .../users/Admin@org1.example.com/msp");
        }
        try {
            return MspFolder.load(dir, mspId, CryptoProvider.detect()).signingIdentity();
        } catch (MspException e) {
            throw new ConfigException("cannot load the client identity (CORE_PEER_MSPCONFIGPATH, CORE_PEER_LOCALMSPID="
                    + mspId + "): " + e.getMessage());
        }
    }

    /** The peer named by {@code CORE_PEER_ADDRESS} and {@code CORE_PEER_TLS_*}. */
    Endpoint defaultPeer() {
        String address = yaml.string("peer.address", "").trim();
        if (address.isEmpty()) {
            throw new ConfigException(
                    "CORE_PEER_ADDRESS is not set (peer.address in " + source + ") and no --peerAddresses given");
        }
        return peer(address, tlsEnabled() ? yaml.path("peer.tls.rootcert.file") : Optional.empty())
                .withHostnameOverride(yaml.string("peer.tls.serverhostoverride", ""));
    }

    /** A peer at {@code address}, with the client TLS settings of {@code peer.tls.*}. */
    Endpoint peer(String address, Optional<Path> rootCert) {
        boolean tls = tlsEnabled();
        if (tls && rootCert.isEmpty()) {
            throw new ConfigException(
                    "TLS is enabled (CORE_PEER_TLS_ENABLED) but no root certificate is given for peer " + address
                            + ": set CORE_PEER_TLS_ROOTCERT_FILE or pass --tlsRootCertFiles");
        }
        boolean clientAuth = yaml.bool("peer.tls.clientAuthRequired", false);
        Endpoint endpoint = new Endpoint(
                Endpoint.Role.PEER,
                address,
                tls,
                rootCert,
                "",
                clientAuth ? yaml.path("peer.tls.clientCert.file") : Optional.empty(),
                clientAuth ? yaml.path("peer.tls.clientKey.file") : Optional.empty(),
                connTimeout());
        endpoint.check();
        yaml.check();
        return endpoint;
    }

    boolean tlsEnabled() {
        return yaml.bool("peer.tls.enabled", false);
    }

    Duration connTimeout() {
        return yaml.duration("peer.client.connTimeout", Duration.ofSeconds(3));
    }

    /** {@code peer.fileSystemPath}, where the peer keeps its ledgers. */
    Path fileSystemPath() {
        Path path = yaml.path("peer.fileSystemPath").orElse(Path.of("/var/hyperledger/production"));
        yaml.check();
        return path;
    }

    YamlConfig yaml() {
        return yaml;
    }
}
