package io.weft.msp;

import com.google.protobuf.ByteString;
import io.weft.msp.internal.X509SigningIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SigningIdentityInfo;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads an MSP folder laid out as Fabric lays it out: {@code cacerts/}, {@code intermediatecerts/}, {@code signcerts/},
 * {@code keystore/}, {@code admincerts/}, {@code tlscacerts/}, {@code tlsintermediatecerts/}, {@code crls/} and
 * {@code config.yaml} (NodeOUs). Every error names the folder and the file.
 */
public final class MspFolder {
    private MspFolder() {}

    /**
     * The verifying part of an MSP folder, as {@code configtxgen} puts it in channel config (no signing identity).
     *
     * @throws MspException naming the folder or file that is missing or wrong
     */
    public static FabricMSPConfig readConfig(Path dir, String mspId) {
        if (!Files.isDirectory(dir)) {
            throw new MspException("MSP folder " + dir + " does not exist");
        }
        List<ByteString> roots = readPemFiles(dir, "cacerts");
        if (roots.isEmpty()) {
            throw new MspException("MSP folder " + dir + ": cacerts/ is missing or holds no certificate");
        }
        FabricMSPConfig.Builder config = FabricMSPConfig.newBuilder()
                .setName(mspId)
                .addAllRootCerts(roots)
                .addAllIntermediateCerts(readPemFiles(dir, "intermediatecerts"))
                .addAllAdmins(readPemFiles(dir, "admincerts"))
                .addAllRevocationList(readPemFiles(dir, "crls"))
                .addAllTlsRootCerts(readPemFiles(dir, "tlscacerts"))
                .addAllTlsIntermediateCerts(readPemFiles(dir, "tlsintermediatecerts"))
                .setCryptoConfig(FabricCryptoConfig.newBuilder()
                        .setSignatureHashFamily("SHA2")
                        .setIdentityIdentifierHashFunction("SHA256"));
        readNodeOuConfig(dir, config);
        return config.build();
    }

    /**
     * A local MSP: the verifying config plus the signing identity from {@code signcerts/} and the matching key in
     * {@code keystore/}.
     *
     * @throws MspException naming the folder or file that is missing or wrong
     */
    public static LocalMsp load(Path dir, String mspId, CryptoProvider crypto) {
        FabricMSPConfig verifying = readConfig(dir, mspId);
        List<Path> signcerts = files(dir, "signcerts");
        if (signcerts.isEmpty()) {
            throw new MspException("MSP folder " + dir + ": signcerts/ is missing or holds no certificate");
        }
        Path certFile = signcerts.get(0);
        byte[] certPem = read(certFile);
        X509Certificate certificate;
        try {
            certificate = Pem.parseCertificatePem(certPem);
        } catch (MspException e) {
            throw new MspException("MSP folder " + dir + ": " + relative(dir, certFile) + ": " + e.getMessage(), e);
        }
        FabricMSPConfig config = verifying.toBuilder()
                .setSigningIdentity(SigningIdentityInfo.newBuilder().setPublicSigner(ByteString.copyFrom(certPem)))
                .build();
        Msp msp;
        try {
            msp = Msp.fromConfig(config, crypto);
        } catch (MspException e) {
            throw new MspException("MSP folder " + dir + ": " + e.getMessage(), e);
        }
        Identity identity;
        try {
            identity = msp.identityOf(certificate);
        } catch (MspException e) {
            throw new MspException(
                    "MSP folder " + dir + ": " + relative(dir, certFile) + " is not a valid identity: "
                            + e.getMessage(),
                    e);
        }
        return new LocalMsp(msp, X509SigningIdentity.of(identity, findKey(dir, certFile, identity, crypto), crypto));
    }

    private static PrivateKey findKey(Path dir, Path certFile, Identity identity, CryptoProvider crypto) {
        List<Path> keys = files(dir, "keystore");
        if (keys.isEmpty()) {
            throw new MspException("MSP folder " + dir + ": keystore/ is missing or holds no private key");
        }
        for (Path keyFile : keys) {
            PrivateKey key = parsePrivateKey(dir, keyFile, crypto);
            try {
                X509SigningIdentity.of(identity, key, crypto);
                return key;
            } catch (MspException e) {
                // not this one; try the next file
            }
        }
        throw new MspException(
                "MSP folder " + dir + ": keystore/ holds no private key matching " + relative(dir, certFile));
    }

    /** Parses a PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) PEM file. */
    public static PrivateKey parsePrivateKey(Path dir, Path keyFile, CryptoProvider crypto) {
        String name = relative(dir, keyFile);
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            Object parsed = parser.readObject();
            PrivateKeyInfo info;
            if (parsed instanceof PrivateKeyInfo keyInfo) {
                info = keyInfo;
            } else if (parsed instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else {
                throw new MspException("MSP folder " + dir + ": " + name + " is not a PEM private key");
            }
            return crypto.privateKey(info.getEncoded());
        } catch (IOException | IllegalArgumentException e) {
            throw new MspException(
                    "MSP folder " + dir + ": " + name + " is not a PEM private key: " + e.getMessage(), e);
        } catch (MspException e) {
            throw new MspException("MSP folder " + dir + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static void readNodeOuConfig(Path dir, FabricMSPConfig.Builder config) {
        Path file = dir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(new StringReader(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new MspException("MSP folder " + dir + ": config.yaml is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return;
        }
        Map<?, ?> yaml = map(root, dir, "config.yaml");
        Object units = yaml.get("OrganizationalUnitIdentifiers");
        if (units instanceof List<?> list) {
            for (Object entry : list) {
                config.addOrganizationalUnitIdentifiers(ouIdentifier(
                        dir, map(entry, dir, "OrganizationalUnitIdentifiers"), "OrganizationalUnitIdentifiers"));
            }
        }
        Object nodeOus = yaml.get("NodeOUs");
        if (nodeOus == null) {
            return;
        }
        Map<?, ?> node = map(nodeOus, dir, "NodeOUs");
        FabricNodeOUs.Builder builder = FabricNodeOUs.newBuilder().setEnable(Boolean.TRUE.equals(node.get("Enable")));
        Map<String, BiConsumer<FabricNodeOUs.Builder, FabricOUIdentifier>> roles = new LinkedHashMap<>();
        roles.put("ClientOUIdentifier", FabricNodeOUs.Builder::setClientOuIdentifier);
        roles.put("PeerOUIdentifier", FabricNodeOUs.Builder::setPeerOuIdentifier);
        roles.put("AdminOUIdentifier", FabricNodeOUs.Builder::setAdminOuIdentifier);
        roles.put("OrdererOUIdentifier", FabricNodeOUs.Builder::setOrdererOuIdentifier);
        for (Map.Entry<String, BiConsumer<FabricNodeOUs.Builder, FabricOUIdentifier>> role : roles.entrySet()) {
            Object entry = node.get(role.getKey());
            if (entry != null) {
                String key = "NodeOUs." + role.getKey();
                role.getValue().accept(builder, ouIdentifier(dir, map(entry, dir, key), key));
            }
        }
        config.setFabricNodeOus(builder);
    }

    private static FabricOUIdentifier ouIdentifier(Path dir, Map<?, ?> entry, String key) {
        FabricOUIdentifier.Builder builder = FabricOUIdentifier.newBuilder();
        Object unit = entry.get("OrganizationalUnitIdentifier");
        if (unit != null) {
            builder.setOrganizationalUnitIdentifier(unit.toString());
        }
        Object certificate = entry.get("Certificate");
        if (certificate != null && !certificate.toString().isEmpty()) {
            Path file = dir.resolve(certificate.toString());
            if (!Files.isRegularFile(file)) {
                throw new MspException("MSP folder " + dir + ": config.yaml " + key + ".Certificate names "
                        + certificate + ", which does not exist");
            }
            builder.setCertificate(ByteString.copyFrom(read(file)));
        }
        return builder.build();
    }

    private static Map<?, ?> map(Object value, Path dir, String key) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new MspException("MSP folder " + dir + ": config.yaml " + key + " must be a mapping");
    }

    private static List<ByteString> readPemFiles(Path dir, String folder) {
        List<ByteString> result = new ArrayList<>();
        for (Path file : files(dir, folder)) {
            byte[] content = read(file);
            if (Pem.decodeAll(content).isEmpty()) {
                throw new MspException("MSP folder " + dir + ": " + relative(dir, file) + " holds no PEM content");
            }
            result.add(ByteString.copyFrom(content));
        }
        return result;
    }

    private static List<Path> files(Path dir, String folder) {
        Path sub = dir.resolve(folder);
        if (!Files.isDirectory(sub)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(sub)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new MspException("MSP folder " + dir + ": cannot list " + folder + "/: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MspException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString();
    }
}
