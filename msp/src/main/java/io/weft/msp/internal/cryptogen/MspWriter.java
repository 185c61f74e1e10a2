package io.weft.msp.internal.cryptogen;

import io.weft.msp.CertificateAuthority;
import io.weft.msp.CryptoProvider;
import io.weft.msp.NodeRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes MSP folders as Fabric's cryptogen lays them out.
 *
 * <p>An org's verifying MSP: {@code admincerts/}, {@code cacerts/<ca>-cert.pem}, {@code tlscacerts/<tlsca>-cert.pem}
 * and, with NodeOUs, {@code config.yaml}.
 *
 * <p>A node's or user's folder: {@code msp/} with {@code admincerts/} (its own certificate when NodeOUs are off),
 * {@code cacerts/}, {@code keystore/priv_sk}, {@code signcerts/<name>-cert.pem}, {@code tlscacerts/},
 * {@code config.yaml} (NodeOUs on); and {@code tls/} with {@code ca.crt} and {@code server.crt}/{@code server.key}
 * (peers, orderers) or {@code client.crt}/{@code client.key} (users).
 */
final class MspWriter {
    static final String CONFIG_FILE = "config.yaml";

    private final CryptoProvider crypto;

    MspWriter(CryptoProvider crypto) {
        this.crypto = crypto;
    }

    /** The org-level MSP, which verifies but cannot sign. */
    void writeVerifying(Path mspDir, OrgCa signCa, OrgCa tlsCa, boolean nodeOus) {
        createFolders(mspDir, false);
        MaterialFiles.write(mspDir.resolve("cacerts").resolve(signCa.certFileName()), signCa.certificatePem());
        MaterialFiles.write(mspDir.resolve("tlscacerts").resolve(tlsCa.certFileName()), tlsCa.certificatePem());
        if (nodeOus) {
            MaterialFiles.write(mspDir.resolve(CONFIG_FILE), nodeOuConfig("cacerts/" + signCa.certFileName()));
        }
    }

    /**
     * A node's or user's local MSP and TLS material.
     *
     * @param alternativeNames the TLS certificate's SANs (none for users, as in Fabric)
     * @param role the NodeOU the signing certificate carries when {@code nodeOus} is on; also picks the TLS file names
     */
    void writeLocal(
            Path baseDir,
            String name,
            List<String> alternativeNames,
            OrgCa signCa,
            OrgCa tlsCa,
            NodeRole role,
            boolean nodeOus) {
        Path mspDir = baseDir.resolve("msp");
        Path tlsDir = baseDir.resolve("tls");
        createFolders(mspDir, true);
        MaterialFiles.createDirectories(tlsDir);

        KeyPair signingKey = CertificateAuthority.generateKeyPair(crypto);
        MaterialFiles.writeKey(mspDir.resolve("keystore").resolve(OrgCa.KEY_FILE), GoX509.privateKeyPem(signingKey));
        List<String> nodeOu = nodeOus ? List.of(role.policyName()) : List.of();
        X509Certificate signing = signCa.issueSigning(signingKey.getPublic(), name, nodeOu);
        String signingPem = GoX509.certificatePem(signing);
        MaterialFiles.write(mspDir.resolve("signcerts").resolve(OrgCa.certFileName(name)), signingPem);
        MaterialFiles.write(mspDir.resolve("cacerts").resolve(signCa.certFileName()), signCa.certificatePem());
        MaterialFiles.write(mspDir.resolve("tlscacerts").resolve(tlsCa.certFileName()), tlsCa.certificatePem());
        if (nodeOus) {
            MaterialFiles.write(mspDir.resolve(CONFIG_FILE), nodeOuConfig("cacerts/" + signCa.certFileName()));
        } else {
            MaterialFiles.write(mspDir.resolve("admincerts").resolve(OrgCa.certFileName(name)), signingPem);
        }

        String prefix = role == NodeRole.CLIENT || role == NodeRole.ADMIN ? "client" : "server";
        KeyPair tlsKey = CertificateAuthority.generateKeyPair(crypto);
        X509Certificate tls = tlsCa.issueTls(tlsKey.getPublic(), name, alternativeNames);
        MaterialFiles.write(tlsDir.resolve("ca.crt"), tlsCa.certificatePem());
        MaterialFiles.write(tlsDir.resolve(prefix + ".crt"), GoX509.certificatePem(tls));
        MaterialFiles.writeKey(tlsDir.resolve(prefix + ".key"), GoX509.privateKeyPem(tlsKey));
    }

    /**
     * Makes {@code Admin@domain}'s certificate the only admin certificate of an MSP folder, unless it is there already
     * (Fabric's cryptogen does the same when NodeOUs are off).
     */
    static void copyAdminCert(Path usersDir, Path adminCertsDir, String adminName) {
        String file = OrgCa.certFileName(adminName);
        if (Files.exists(adminCertsDir.resolve(file))) {
            return;
        }
        MaterialFiles.deleteRecursively(adminCertsDir);
        MaterialFiles.createDirectories(adminCertsDir);
        MaterialFiles.copy(
                usersDir.resolve(adminName).resolve("msp").resolve("signcerts").resolve(file),
                adminCertsDir.resolve(file));
    }

    /**
     * The NodeOUs {@code config.yaml} cryptogen writes: every identifier names the signing CA's certificate.
     *
     * @param caCertificate path of the CA certificate relative to the MSP folder
     */
    static String nodeOuConfig(String caCertificate) {
        Map<String, Object> nodeOus = new LinkedHashMap<>();
        nodeOus.put("Enable", true);
        nodeOus.put("ClientOUIdentifier", ouIdentifier(caCertificate, NodeRole.CLIENT));
        nodeOus.put("PeerOUIdentifier", ouIdentifier(caCertificate, NodeRole.PEER));
        nodeOus.put("AdminOUIdentifier", ouIdentifier(caCertificate, NodeRole.ADMIN));
        nodeOus.put("OrdererOUIdentifier", ouIdentifier(caCertificate, NodeRole.ORDERER));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(Map.of("NodeOUs", nodeOus));
    }

    private static Map<String, Object> ouIdentifier(String caCertificate, NodeRole role) {
        Map<String, Object> identifier = new LinkedHashMap<>();
        identifier.put("Certificate", caCertificate);
        identifier.put("OrganizationalUnitIdentifier", role.policyName());
        return identifier;
    }

    private static void createFolders(Path mspDir, boolean local) {
        for (String folder : local
                ? List.of("admincerts", "cacerts", "tlscacerts", "keystore", "signcerts")
                : List.of("admincerts", "cacerts", "tlscacerts")) {
            MaterialFiles.createDirectories(mspDir.resolve(folder));
        }
    }
}
