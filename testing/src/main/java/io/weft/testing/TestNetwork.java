package io.weft.testing;

import io.weft.msp.ConfigtxYaml;
import io.weft.msp.CryptoConfig;
import io.weft.msp.CryptoMaterialGenerator;
import io.weft.msp.CryptoProvider;
import io.weft.msp.GenesisBlockFactory;
import io.weft.msp.MspFolder;
import io.weft.msp.SigningIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A test network on disk, made the way an operator makes one: crypto material generated from the repository's
 * {@code config/crypto-config.yaml} into {@code organizations/}, and {@code config/configtx.yaml} copied beside it so
 * its relative MSP paths resolve. One orderer org (OrdererMSP) and two peer orgs (Org1MSP, Org2MSP), NodeOUs on.
 */
public final class TestNetwork {
    public static final CryptoProvider CRYPTO = CryptoProvider.detect();
    public static final String PROFILE = "ChannelUsingRaft";

    private final Path root;

    private TestNetwork(Path root) {
        this.root = root;
    }

    /**
     * Generates the network under {@code root}.
     *
     * @param repoConfig the repository's {@code config/} folder
     */
    public static TestNetwork create(Path root, Path repoConfig) {
        try {
            Path configDir = root.resolve("config");
            Files.createDirectories(configDir);
            Files.copy(repoConfig.resolve(ConfigtxYaml.FILE_NAME), configDir.resolve(ConfigtxYaml.FILE_NAME));
            CryptoConfig cryptoConfig = CryptoConfig.load(repoConfig.resolve("crypto-config.yaml"));
            new CryptoMaterialGenerator(CRYPTO, Clock.systemUTC())
                    .generate(cryptoConfig, root.resolve("organizations"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestNetwork(root);
    }

    /** The repository's {@code config/} folder, found from a module's working directory. */
    public static Path repoConfig() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config/crypto-config.yaml"))
                    && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("config");
            }
        }
        throw new IllegalStateException("cannot find the repository's config/ folder above "
                + Path.of("").toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    public Path configDir() {
        return root.resolve("config");
    }

    /** The genesis block of a channel made from the sample profile. */
    public Block genesisBlock(String channelId) {
        ConfigtxYaml configtx = ConfigtxYaml.load(configDir().resolve(ConfigtxYaml.FILE_NAME));
        return new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC())
                .genesisBlock(channelId, configtx.profile(PROFILE));
    }

    public Path peerOrg(int org) {
        return root.resolve("organizations/peerOrganizations/org" + org + ".example.com");
    }

    public Path ordererOrg() {
        return root.resolve("organizations/ordererOrganizations/example.com");
    }

    public Path peerMspDir(int org) {
        return peerOrg(org).resolve("peers/peer0.org" + org + ".example.com/msp");
    }

    public Path peerTlsDir(int org) {
        return peerOrg(org).resolve("peers/peer0.org" + org + ".example.com/tls");
    }

    public Path clientMspDir(int org) {
        return peerOrg(org).resolve("users/User1@org" + org + ".example.com/msp");
    }

    public Path adminMspDir(int org) {
        return peerOrg(org).resolve("users/Admin@org" + org + ".example.com/msp");
    }

    public Path ordererMspDir() {
        return ordererOrg().resolve("orderers/orderer.example.com/msp");
    }

    public Path ordererTlsDir() {
        return ordererOrg().resolve("orderers/orderer.example.com/tls");
    }

    public Path ordererAdminMspDir() {
        return ordererOrg().resolve("users/Admin@example.com/msp");
    }

    public SigningIdentity peer(int org) {
        return MspFolder.load(peerMspDir(org), "Org" + org + "MSP", CRYPTO).signingIdentity();
    }

    public SigningIdentity client(int org) {
        return MspFolder.load(clientMspDir(org), "Org" + org + "MSP", CRYPTO).signingIdentity();
    }

    public SigningIdentity admin(int org) {
        return MspFolder.load(adminMspDir(org), "Org" + org + "MSP", CRYPTO).signingIdentity();
    }

    public SigningIdentity orderer() {
        return MspFolder.load(ordererMspDir(), "OrdererMSP", CRYPTO).signingIdentity();
    }

    public SigningIdentity ordererAdmin() {
        return MspFolder.load(ordererAdminMspDir(), "OrdererMSP", CRYPTO).signingIdentity();
    }
}
