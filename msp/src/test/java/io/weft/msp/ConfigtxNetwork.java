package io.weft.msp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A test network on disk laid out as the repository's sample expects: {@code organizations/} written by the crypto
 * material generator from {@code config/crypto-config.yaml}, and {@code config/configtx.yaml} copied from the
 * repository, so the sample's relative paths resolve.
 */
final class ConfigtxNetwork {
    static final CryptoProvider CRYPTO = CryptoProvider.detect();

    final Path root;
    final Path configDir;
    final Path configtx;

    private ConfigtxNetwork(Path root) {
        this.root = root;
        this.configDir = root.resolve("config");
        this.configtx = configDir.resolve(ConfigtxYaml.FILE_NAME);
    }

    /** Generates the material under {@code root} and copies the sample configtx.yaml. */
    static ConfigtxNetwork create(Path root) {
        ConfigtxNetwork network = new ConfigtxNetwork(root);
        try {
            Path repoConfig = Path.of("..", "config");
            Files.createDirectories(network.configDir);
            Files.copy(repoConfig.resolve("configtx.yaml"), network.configtx);
            CryptoConfig cryptoConfig = CryptoConfig.load(repoConfig.resolve("crypto-config.yaml"));
            new CryptoMaterialGenerator(CRYPTO, Clock.systemUTC())
                    .generate(cryptoConfig, root.resolve("organizations"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return network;
    }

    /** Replaces the configtx.yaml with the given text. */
    void writeConfigtx(String text) {
        try {
            Files.writeString(configtx, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SigningIdentity peer(int org) {
        String domain = "org" + org + ".example.com";
        return load("peerOrganizations/" + domain + "/peers/peer0." + domain + "/msp", "Org" + org + "MSP");
    }

    SigningIdentity client(int org) {
        String domain = "org" + org + ".example.com";
        return load("peerOrganizations/" + domain + "/users/User1@" + domain + "/msp", "Org" + org + "MSP");
    }

    SigningIdentity admin(int org) {
        String domain = "org" + org + ".example.com";
        return load("peerOrganizations/" + domain + "/users/Admin@" + domain + "/msp", "Org" + org + "MSP");
    }

    SigningIdentity orderer() {
        return load("ordererOrganizations/example.com/orderers/orderer.example.com/msp", "OrdererMSP");
    }

    SigningIdentity ordererAdmin() {
        return load("ordererOrganizations/example.com/users/Admin@example.com/msp", "OrdererMSP");
    }

    private SigningIdentity load(String mspDir, String mspId) {
        return MspFolder.load(root.resolve("organizations").resolve(mspDir), mspId, CRYPTO)
                .signingIdentity();
    }

    static SignedData sign(SigningIdentity signer, String message) {
        ByteString data = ByteString.copyFromUtf8(message);
        return new SignedData(data, signer.serialized(), ByteString.copyFrom(signer.sign(data.toByteArray())));
    }
}
