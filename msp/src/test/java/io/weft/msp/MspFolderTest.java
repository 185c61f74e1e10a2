package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspFolderTest {
    private static final String NODE_OUS =
            """
            NodeOUs:
              Enable: true
              ClientOUIdentifier:
                Certificate: cacerts/ca-cert.pem
                OrganizationalUnitIdentifier: client
              PeerOUIdentifier:
                Certificate: cacerts/ca-cert.pem
                OrganizationalUnitIdentifier: peer
              AdminOUIdentifier:
                Certificate: cacerts/ca-cert.pem
                OrganizationalUnitIdentifier: admin
              OrdererOUIdentifier:
                Certificate: cacerts/ca-cert.pem
                OrganizationalUnitIdentifier: orderer
            """;

    @TempDir
    Path dir;

    private final TestOrg org1 = new TestOrg("Org1MSP");
    private TestOrg.Issued peer;

    @BeforeEach
    void writeFolder() throws IOException {
        peer = org1.issue("peer0.org1.example.com", "peer");
        write("cacerts/ca-cert.pem", Pem.encodeCertificate(org1.ca.certificate()));
        write("signcerts/peer0.org1.example.com-cert.pem", Pem.encodeCertificate(peer.certificate()));
        write("keystore/priv_sk", Pem.encodePrivateKey(peer.keyPair().getPrivate()));
        write("tlscacerts/tlsca-cert.pem", Pem.encodeCertificate(org1.ca.certificate()));
        write("config.yaml", NODE_OUS);
        Files.createDirectories(dir.resolve("admincerts"));
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void loadsALocalMspWithItsSigningIdentity() {
        LocalMsp local = MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO);
        SigningIdentity signer = local.signingIdentity();
        assertThat(signer.mspId()).isEqualTo("Org1MSP");
        assertThat(signer.nodeRole()).contains(NodeRole.PEER);
        assertThat(local.msp().tlsRootCertificates()).containsExactly(org1.ca.certificate());
        byte[] message = "endorse".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(message);
        local.msp().deserializeIdentity(signer.serialized()).verify(message, signature);
    }

    @Test
    void readsNodeOusFromConfigYaml() {
        FabricMSPConfig config = MspFolder.readConfig(dir, "Org1MSP");
        assertThat(config.getFabricNodeOus().getEnable()).isTrue();
        assertThat(config.getFabricNodeOus().getPeerOuIdentifier().getOrganizationalUnitIdentifier())
                .isEqualTo("peer");
        assertThat(config.getFabricNodeOus()
                        .getPeerOuIdentifier()
                        .getCertificate()
                        .toStringUtf8())
                .isEqualTo(Pem.encodeCertificate(org1.ca.certificate()));
        assertThat(config.hasSigningIdentity()).isFalse();
    }

    @Test
    void pairsTheCertificateWithTheRightKeyAmongSeveral() throws IOException {
        write(
                "keystore/aaa_sk",
                Pem.encodePrivateKey(org1.issue("other", "peer").keyPair().getPrivate()));
        LocalMsp local = MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO);
        assertThat(local.signingIdentity().certificate()).isEqualTo(peer.certificate());
    }

    @Test
    void missingCacertsNamesTheFolder() throws IOException {
        Files.delete(dir.resolve("cacerts/ca-cert.pem"));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .isInstanceOf(MspException.class)
                .hasMessage("MSP folder " + dir + ": cacerts/ is missing or holds no certificate");
    }

    @Test
    void nonPemFileIsNamed() throws IOException {
        write("cacerts/notes.txt", "just text");
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessage("MSP folder " + dir + ": cacerts/notes.txt holds no PEM content");
    }

    @Test
    void missingSigncertsOrKeystoreIsNamed() throws IOException {
        Files.delete(dir.resolve("keystore/priv_sk"));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessageContaining("keystore/ is missing or holds no private key");
        Files.delete(dir.resolve("signcerts/peer0.org1.example.com-cert.pem"));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessageContaining("signcerts/ is missing or holds no certificate");
        // a verifying-only MSP needs neither
        assertThat(MspFolder.readConfig(dir, "Org1MSP").getRootCertsCount()).isEqualTo(1);
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws IOException {
        write(
                "keystore/priv_sk",
                Pem.encodePrivateKey(org1.issue("other", "peer").keyPair().getPrivate()));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessage("MSP folder " + dir
                        + ": keystore/ holds no private key matching signcerts/peer0.org1.example.com-cert.pem");
    }

    @Test
    void corruptKeyFileIsNamed() throws IOException {
        write("keystore/priv_sk", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessageContaining("keystore/priv_sk");
    }

    @Test
    void signcertFromAnotherCaIsNamed() throws IOException {
        write(
                "signcerts/peer0.org1.example.com-cert.pem",
                Pem.encodeCertificate(new TestOrg("X").issue("intruder", "peer").certificate()));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessageContaining("signcerts/peer0.org1.example.com-cert.pem is not a valid identity")
                .hasMessageContaining("was not issued by any CA of MSP Org1MSP");
    }

    @Test
    void configYamlNamingAMissingCertificateIsAnError() throws IOException {
        write("config.yaml", NODE_OUS.replace("cacerts/ca-cert.pem", "cacerts/missing.pem"));
        assertThatThrownBy(() -> MspFolder.readConfig(dir, "Org1MSP"))
                .hasMessageContaining("config.yaml NodeOUs.ClientOUIdentifier.Certificate names cacerts/missing.pem");
    }

    @Test
    void brokenConfigYamlIsAnError() throws IOException {
        write("config.yaml", "NodeOUs: [unclosed");
        assertThatThrownBy(() -> MspFolder.readConfig(dir, "Org1MSP"))
                .hasMessageContaining("config.yaml is not valid YAML");
    }

    @Test
    void missingFolderIsAnError() {
        Path absent = dir.resolve("nope");
        assertThatThrownBy(() -> MspFolder.readConfig(absent, "Org1MSP"))
                .hasMessage("MSP folder " + absent + " does not exist");
    }

    @Test
    void identityWithoutRoleOuIsRefusedWhenNodeOusAreOn() throws IOException {
        TestOrg.Issued roleless = org1.issue("roleless");
        write("signcerts/peer0.org1.example.com-cert.pem", Pem.encodeCertificate(roleless.certificate()));
        write("keystore/priv_sk", Pem.encodePrivateKey(roleless.keyPair().getPrivate()));
        assertThatThrownBy(() -> MspFolder.load(dir, "Org1MSP", TestOrg.CRYPTO))
                .hasMessageContaining("carries none of the NodeOU role units");
    }
}
