package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoMaterialGeneratorTest {
    static final CryptoProvider CRYPTO = CryptoProvider.detect();
    static final Instant NOW = Instant.parse("2025-03-04T10:20:30Z");
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** Fabric's test network: one orderer org and two peer orgs, NodeOUs on. */
    static final String TEST_NETWORK =
            """
            OrdererOrgs:
              - Name: Orderer
                Domain: example.com
                EnableNodeOUs: true
                Specs:
                  - Hostname: orderer
                    SANS:
                      - localhost
            PeerOrgs:
              - Name: Org1
                Domain: org1.example.com
                EnableNodeOUs: true
                Template:
                  Count: 1
                  SANS:
                    - localhost
                Users:
                  Count: 1
              - Name: Org2
                Domain: org2.example.com
                EnableNodeOUs: true
                Template:
                  Count: 1
                  SANS:
                    - localhost
                Users:
                  Count: 1
            """;

    @TempDir
    static Path nodeOusOn;

    @TempDir
    static Path nodeOusOff;

    static Path org1;

    @BeforeAll
    static void generate() {
        CryptoMaterialGenerator generator = new CryptoMaterialGenerator(CRYPTO, Clock.fixed(NOW, ZoneOffset.UTC));
        List<Path> orgs = generator.generate(CryptoConfig.parse(TEST_NETWORK, "test"), nodeOusOn);
        assertThat(orgs)
                .containsExactly(
                        nodeOusOn.resolve("peerOrganizations/org1.example.com"),
                        nodeOusOn.resolve("peerOrganizations/org2.example.com"),
                        nodeOusOn.resolve("ordererOrganizations/example.com"));
        generator.generate(CryptoConfig.sample(), nodeOusOff);
        org1 = nodeOusOn.resolve("peerOrganizations/org1.example.com");
    }

    @Test
    void laysOutAPeerOrgAsFabricDoes() throws Exception {
        List<String> expected = new ArrayList<>(List.of(
                "ca/",
                "ca/ca.org1.example.com-cert.pem",
                "ca/priv_sk",
                "msp/",
                "msp/admincerts/",
                "msp/cacerts/",
                "msp/cacerts/ca.org1.example.com-cert.pem",
                "msp/config.yaml",
                "msp/tlscacerts/",
                "msp/tlscacerts/tlsca.org1.example.com-cert.pem",
                "peers/",
                "tlsca/",
                "tlsca/priv_sk",
                "tlsca/tlsca.org1.example.com-cert.pem",
                "users/"));
        expected.addAll(localMsp("peers/peer0.org1.example.com", "org1.example.com", "server", true));
        expected.addAll(localMsp("users/Admin@org1.example.com", "org1.example.com", "client", true));
        expected.addAll(localMsp("users/User1@org1.example.com", "org1.example.com", "client", true));

        assertThat(tree(org1)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void laysOutAnOrdererOrgWithOnlyAnAdminUser() throws Exception {
        Path orderer = nodeOusOn.resolve("ordererOrganizations/example.com");
        assertThat(tree(orderer))
                .contains("orderers/orderer.example.com/tls/server.crt", "users/Admin@example.com/tls/client.key")
                .filteredOn(path -> path.startsWith("users/") && path.indexOf('/', 6) == path.length() - 1)
                .containsExactly("users/Admin@example.com/");
    }

    @Test
    void withoutNodeOusListsTheAdminInAdmincertsAndWritesNoConfigYaml() throws Exception {
        Path org = nodeOusOff.resolve("peerOrganizations/org1.example.com");
        Set<String> tree = tree(org);

        assertThat(tree).doesNotContain("msp/config.yaml", "peers/peer0.org1.example.com/msp/config.yaml");
        assertThat(tree)
                .filteredOn(path -> path.contains("admincerts/") && !path.endsWith("/"))
                .containsExactlyInAnyOrder(
                        "msp/admincerts/Admin@org1.example.com-cert.pem",
                        "peers/peer0.org1.example.com/msp/admincerts/Admin@org1.example.com-cert.pem",
                        "users/Admin@org1.example.com/msp/admincerts/Admin@org1.example.com-cert.pem",
                        "users/User1@org1.example.com/msp/admincerts/User1@org1.example.com-cert.pem");
        assertThat(org.resolve("msp/admincerts/Admin@org1.example.com-cert.pem"))
                .hasSameBinaryContentAs(
                        org.resolve("users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem"));
        assertThat(tree(nodeOusOff.resolve("ordererOrganizations/example.com")))
                .contains("orderers/orderer.example.com/msp/admincerts/Admin@example.com-cert.pem");
    }

    @Test
    void writesFabricsNodeOuConfig() throws Exception {
        String expected =
                """
                NodeOUs:
                  Enable: true
                  ClientOUIdentifier:
                    Certificate: cacerts/ca.org1.example.com-cert.pem
                    OrganizationalUnitIdentifier: client
                  PeerOUIdentifier:
                    Certificate: cacerts/ca.org1.example.com-cert.pem
                    OrganizationalUnitIdentifier: peer
                  AdminOUIdentifier:
                    Certificate: cacerts/ca.org1.example.com-cert.pem
                    OrganizationalUnitIdentifier: admin
                  OrdererOUIdentifier:
                    Certificate: cacerts/ca.org1.example.com-cert.pem
                    OrganizationalUnitIdentifier: orderer
                """;
        assertThat(org1.resolve("msp/config.yaml"))
                .content(StandardCharsets.UTF_8)
                .isEqualTo(expected);
        assertThat(org1.resolve("peers/peer0.org1.example.com/msp/config.yaml"))
                .content(StandardCharsets.UTF_8)
                .isEqualTo(expected);
    }

    @Test
    void makesCaCertificatesAsFabricDoes() throws Exception {
        X509Certificate ca = cert(org1.resolve("ca/ca.org1.example.com-cert.pem"));
        X509Certificate tlsCa = cert(org1.resolve("tlsca/tlsca.org1.example.com-cert.pem"));

        for (X509Certificate certificate : List.of(ca, tlsCa)) {
            assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
            assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
            assertThat(certificate.getKeyUsage()).startsWith(true, false, true, false, false, true, true, false);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH, SERVER_AUTH);
            assertThat(extensionOrder(certificate))
                    .containsExactly(
                            Extension.keyUsage.getId(),
                            Extension.extendedKeyUsage.getId(),
                            Extension.basicConstraints.getId(),
                            Extension.subjectKeyIdentifier.getId());
            assertThat(certificate.getCriticalExtensionOIDs())
                    .containsExactlyInAnyOrder(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
            assertThat(subjectKeyId(certificate))
                    .isEqualTo(CertificateAuthority.subjectKeyIdentifier(certificate.getPublicKey()));
            assertThat(certificate.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-04T10:16:00Z"));
            assertThat(certificate.getNotAfter().toInstant())
                    .isEqualTo(Instant.parse("2025-03-04T10:16:00Z").plus(Duration.ofDays(3650)));
            assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        }
        assertThat(dn(ca)).isEqualTo("CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US");
        assertThat(dn(tlsCa))
                .isEqualTo("CN=tlsca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US");
    }

    @Test
    void makesSigningCertificatesWithNodeOusAndNoSubjectKeyIdentifier() throws Exception {
        X509Certificate ca = cert(org1.resolve("ca/ca.org1.example.com-cert.pem"));
        assertSigning(signcert(org1, "peers", "peer0.org1.example.com"), ca, "peer");
        assertSigning(signcert(org1, "users", "Admin@org1.example.com"), ca, "admin");
        assertSigning(signcert(org1, "users", "User1@org1.example.com"), ca, "client");
        Path orderer = nodeOusOn.resolve("ordererOrganizations/example.com");
        assertSigning(
                signcert(orderer, "orderers", "orderer.example.com"),
                cert(orderer.resolve("ca/ca.example.com-cert.pem")),
                "orderer");

        assertThat(dn(signcert(org1, "peers", "peer0.org1.example.com")))
                .isEqualTo("CN=peer0.org1.example.com,OU=peer,L=San Francisco,ST=California,C=US");
        Path plain = nodeOusOff.resolve("peerOrganizations/org1.example.com");
        assertThat(dn(signcert(plain, "peers", "peer0.org1.example.com")))
                .isEqualTo("CN=peer0.org1.example.com,L=San Francisco,ST=California,C=US");
    }

    @Test
    void makesTlsCertificatesWithFabricsNamesAndUsages() throws Exception {
        X509Certificate tlsCa = cert(org1.resolve("tlsca/tlsca.org1.example.com-cert.pem"));
        X509Certificate peer = cert(org1.resolve("peers/peer0.org1.example.com/tls/server.crt"));
        X509Certificate user = cert(org1.resolve("users/User1@org1.example.com/tls/client.crt"));

        for (X509Certificate certificate : List.of(peer, user)) {
            assertThat(certificate.getIssuerX500Principal()).isEqualTo(tlsCa.getSubjectX500Principal());
            assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
            assertThat(certificate.getKeyUsage()).startsWith(true, false, true, false, false, false, false);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
            assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                    .isNull();
            assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(tlsCa));
        }
        assertThat(dn(peer)).isEqualTo("CN=peer0.org1.example.com,L=San Francisco,ST=California,C=US");
        assertThat(sans(peer)).containsExactly("2:peer0.org1.example.com", "2:peer0", "2:localhost");
        assertThat(sans(cert(nodeOusOn.resolve(
                        "ordererOrganizations/example.com/orderers/orderer.example.com/tls" + "/server.crt"))))
                .containsExactly("2:orderer.example.com", "2:orderer", "2:localhost");
        assertThat(user.getSubjectAlternativeNames())
                .as("Fabric puts no SANs in user TLS certs")
                .isNull();
        assertThat(dn(user)).isEqualTo("CN=User1@org1.example.com,L=San Francisco,ST=California,C=US");
    }

    @Test
    void encodesNamesAsGoDoes(@TempDir Path out) throws Exception {
        CryptoConfig config = CryptoConfig.parse(
                """
                PeerOrgs:
                  - Name: Org9
                    Domain: org9.example.com
                    EnableNodeOUs: true
                    CA:
                      Country: GB
                      Province: Kent
                      Locality: Canterbury
                      OrganizationalUnit: Weft Unit
                      StreetAddress: 1 High Street
                      PostalCode: CT1 2AA
                    Specs:
                      - Hostname: alpha
                        SANS: ["10.1.2.3", "alt.{{.Domain}}", "::1"]
                """,
                "test");
        new CryptoMaterialGenerator(CRYPTO, Clock.systemUTC()).generate(config, out);
        Path org = out.resolve("peerOrganizations/org9.example.com");

        X500Name caName = x500(cert(org.resolve("ca/ca.org9.example.com-cert.pem")));
        assertThat(types(caName))
                .containsExactly(
                        BCStyle.C.getId(),
                        BCStyle.ST.getId(),
                        BCStyle.L.getId(),
                        BCStyle.STREET.getId(),
                        BCStyle.POSTAL_CODE.getId(),
                        BCStyle.O.getId(),
                        BCStyle.OU.getId(),
                        BCStyle.CN.getId());
        assertThat(caName.getRDNs())
                .allSatisfy(rdn -> assertThat(rdn.getFirst().getValue()).isInstanceOf(ASN1PrintableString.class));

        X509Certificate alpha = signcert(org, "peers", "alpha.org9.example.com");
        RDN units = x500(alpha).getRDNs(BCStyle.OU)[0];
        assertThat(x500(alpha).getRDNs(BCStyle.OU))
                .as("Go puts all OUs in one RDN")
                .hasSize(1);
        assertThat(units.getTypesAndValues())
                .extracting(value -> value.getValue().toString())
                .containsExactlyInAnyOrder("Weft Unit", "peer");
        assertThat(sans(cert(org.resolve("peers/alpha.org9.example.com/tls/server.crt"))))
                .as("DNS names first, then IP addresses, as Go writes them")
                .containsExactly(
                        "2:alpha.org9.example.com",
                        "2:alpha",
                        "2:alt.org9.example.com",
                        "7:10.1.2.3",
                        "7:0:0:0:0:0:0:0:1");

        LocalMsp alphaMsp = MspFolder.load(org.resolve("peers/alpha.org9.example.com/msp"), "Org9MSP", CRYPTO);
        assertThat(alphaMsp.signingIdentity().organizationalUnits()).containsExactlyInAnyOrder("Weft Unit", "peer");
        assertThat(alphaMsp.signingIdentity().nodeRole()).contains(NodeRole.PEER);

        X500Name admin = x500(signcert(org, "users", "Admin@org9.example.com"));
        assertThat(admin.getRDNs(BCStyle.CN)[0].getFirst().getValue())
                .as("'@' is not printable for Go, so the CN is a UTF8String")
                .isInstanceOf(ASN1UTF8String.class);
    }

    @Test
    void writesKeysAsPkcs8MatchingTheirCertificates() throws Exception {
        Path peer = org1.resolve("peers/peer0.org1.example.com");
        List<Path[]> pairs = List.of(
                new Path[] {
                    peer.resolve("msp/keystore/priv_sk"), peer.resolve("msp/signcerts/peer0.org1.example.com-cert.pem")
                },
                new Path[] {peer.resolve("tls/server.key"), peer.resolve("tls/server.crt")},
                new Path[] {org1.resolve("ca/priv_sk"), org1.resolve("ca/ca.org1.example.com-cert.pem")});
        for (Path[] pair : pairs) {
            Pem.Block block = Pem.decodeFirst(Files.readAllBytes(pair[0]));
            assertThat(block.type()).isEqualTo("PRIVATE KEY");
            ECPrivateKey inner = ECPrivateKey.getInstance(
                    PrivateKeyInfo.getInstance(block.der()).parsePrivateKey());
            assertThat(inner.getParametersObject())
                    .as("Go omits the curve inside PKCS#8")
                    .isNull();
            assertThat(inner.getPublicKey()).isNotNull();

            byte[] message = "cryptogen".getBytes(StandardCharsets.UTF_8);
            byte[] signature = CRYPTO.sign(CRYPTO.privateKey(block.der()), message);
            CRYPTO.verify(CRYPTO.publicKey(cert(pair[1]).getPublicKey()), message, signature);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair[0])))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void everyNodeAndUserMspLoadsWithItsRole() throws Exception {
        assertLoads(org1.resolve("peers/peer0.org1.example.com/msp"), "Org1MSP", NodeRole.PEER, false);
        assertLoads(org1.resolve("users/Admin@org1.example.com/msp"), "Org1MSP", NodeRole.ADMIN, true);
        assertLoads(org1.resolve("users/User1@org1.example.com/msp"), "Org1MSP", NodeRole.CLIENT, false);
        Path org2 = nodeOusOn.resolve("peerOrganizations/org2.example.com");
        assertLoads(org2.resolve("peers/peer0.org2.example.com/msp"), "Org2MSP", NodeRole.PEER, false);
        assertLoads(org2.resolve("users/Admin@org2.example.com/msp"), "Org2MSP", NodeRole.ADMIN, true);
        Path orderer = nodeOusOn.resolve("ordererOrganizations/example.com");
        assertLoads(orderer.resolve("orderers/orderer.example.com/msp"), "OrdererMSP", NodeRole.ORDERER, false);
        assertLoads(orderer.resolve("users/Admin@example.com/msp"), "OrdererMSP", NodeRole.ADMIN, true);

        Msp orgMsp = Msp.fromConfig(MspFolder.readConfig(org1.resolve("msp"), "Org1MSP"), CRYPTO);
        assertThat(orgMsp.identityOf(signcert(org1, "users", "Admin@org1.example.com"))
                        .isAdmin())
                .isTrue();
        assertThat(orgMsp.tlsRootCertificates()).hasSize(1);
    }

    @Test
    void withoutNodeOusTheAdminIsAnAdminOfEveryNodeMsp() throws Exception {
        Path org = nodeOusOff.resolve("peerOrganizations/org1.example.com");
        LocalMsp peer = MspFolder.load(org.resolve("peers/peer0.org1.example.com/msp"), "Org1MSP", CRYPTO);
        assertThat(peer.signingIdentity().nodeRole()).isEmpty();
        assertThat(peer.signingIdentity().isAdmin()).isFalse();
        assertThat(peer.msp()
                        .identityOf(signcert(org, "users", "Admin@org1.example.com"))
                        .isAdmin())
                .isTrue();
        Msp orgMsp = Msp.fromConfig(MspFolder.readConfig(org.resolve("msp"), "Org1MSP"), CRYPTO);
        assertThat(orgMsp.identityOf(signcert(org, "users", "Admin@org1.example.com"))
                        .isAdmin())
                .isTrue();
        assertThat(orgMsp.identityOf(signcert(org, "users", "User1@org1.example.com"))
                        .isAdmin())
                .isFalse();
    }

    @Test
    void everyCertificateVerifiesWithOpenssl() throws Exception {
        Optional<Path> openssl = Openssl.find();
        int verified = 0;
        for (Path output : List.of(nodeOusOn, nodeOusOff)) {
            for (Path org : orgDirs(output)) {
                Path signingCa = single(org.resolve("ca"), "-cert.pem");
                Path tlsCa = single(org.resolve("tlsca"), "-cert.pem");
                for (Path file : files(org)) {
                    String name = file.getFileName().toString();
                    if (file.getParent().getFileName().toString().equals("signcerts")) {
                        Openssl.assertVerifies(openssl, signingCa, file);
                        verified++;
                    } else if (name.equals("server.crt") || name.equals("client.crt")) {
                        Openssl.assertVerifies(openssl, tlsCa, file);
                        verified++;
                    }
                }
            }
        }
        // test network: 3 + 3 + 2 identities; sample: the same; each with a signing and a TLS certificate
        assertThat(verified).isEqualTo(32);
    }

    @Test
    void rerunReplacesCasButKeepsExistingNodesAsFabricDoes(@TempDir Path out) throws Exception {
        CryptoMaterialGenerator generator = new CryptoMaterialGenerator(CRYPTO, Clock.systemUTC());
        CryptoConfig config = CryptoConfig.parse(TEST_NETWORK, "test");
        generator.generate(config, out);
        Path org = out.resolve("peerOrganizations/org1.example.com");
        byte[] caBefore = Files.readAllBytes(org.resolve("ca/ca.org1.example.com-cert.pem"));
        byte[] peerBefore = Files.readAllBytes(
                org.resolve("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"));

        generator.generate(config, out);

        assertThat(Files.readAllBytes(org.resolve("ca/ca.org1.example.com-cert.pem")))
                .isNotEqualTo(caBefore);
        assertThat(org.resolve("msp/cacerts/ca.org1.example.com-cert.pem"))
                .hasSameBinaryContentAs(org.resolve("ca/ca.org1.example.com-cert.pem"));
        assertThat(Files.readAllBytes(
                        org.resolve("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem")))
                .isEqualTo(peerBefore);
    }

    @Test
    void badConfigWritesNothing(@TempDir Path out) throws Exception {
        CryptoConfig.Org good =
                CryptoConfig.parse(TEST_NETWORK, "test").peerOrgs().get(0);
        CryptoConfig.Org bad = new CryptoConfig.Org(
                "Bad",
                "bad.example.com",
                true,
                CryptoConfig.NodeSpec.empty(),
                new CryptoConfig.NodeTemplate(1, 0, "{{.Nope}}", List.of()),
                List.of(),
                new CryptoConfig.UsersSpec(0));
        CryptoMaterialGenerator generator = new CryptoMaterialGenerator(CRYPTO, Clock.systemUTC());

        assertThatThrownBy(() -> generator.generate(new CryptoConfig(List.of(bad), List.of(good)), out))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("there is no field .Nope");
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void roundsNotBeforeToTheNearestMinuteLessFiveMinutes(@TempDir Path out) throws Exception {
        CryptoConfig config = CryptoConfig.parse("OrdererOrgs:\n  - Name: O\n    Domain: example.com\n", "test");
        new CryptoMaterialGenerator(CRYPTO, Clock.fixed(Instant.parse("2025-03-04T10:20:29.999Z"), ZoneOffset.UTC))
                .generate(config, out);

        X509Certificate ca = cert(out.resolve("ordererOrganizations/example.com/ca/ca.example.com-cert.pem"));
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-04T10:15:00Z"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<String> localMsp(String dir, String domain, String tlsPrefix, boolean nodeOus) {
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        List<String> paths = new ArrayList<>(List.of(
                dir + "/",
                dir + "/msp/",
                dir + "/msp/admincerts/",
                dir + "/msp/cacerts/",
                dir + "/msp/cacerts/ca." + domain + "-cert.pem",
                dir + "/msp/keystore/",
                dir + "/msp/keystore/priv_sk",
                dir + "/msp/signcerts/",
                dir + "/msp/signcerts/" + name + "-cert.pem",
                dir + "/msp/tlscacerts/",
                dir + "/msp/tlscacerts/tlsca." + domain + "-cert.pem",
                dir + "/tls/",
                dir + "/tls/ca.crt",
                dir + "/tls/" + tlsPrefix + ".crt",
                dir + "/tls/" + tlsPrefix + ".key"));
        paths.add(nodeOus ? dir + "/msp/config.yaml" : dir + "/msp/admincerts/" + name + "-cert.pem");
        return paths;
    }

    private static void assertSigning(X509Certificate certificate, X509Certificate ca, String nodeOu) throws Exception {
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(certificate.getExtendedKeyUsage()).isNull();
        assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                .isNull();
        assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(ca));
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(x500(certificate).getRDNs(BCStyle.OU)).singleElement().satisfies(rdn -> assertThat(
                        rdn.getFirst().getValue().toString())
                .isEqualTo(nodeOu));
        assertThat(x500(certificate).getRDNs(BCStyle.O)).isEmpty();
    }

    private static void assertLoads(Path mspDir, String mspId, NodeRole role, boolean admin) {
        LocalMsp local = MspFolder.load(mspDir, mspId, CRYPTO);
        assertThat(local.signingIdentity().nodeRole()).contains(role);
        assertThat(local.signingIdentity().isAdmin()).isEqualTo(admin);
        byte[] message = mspDir.toString().getBytes(StandardCharsets.UTF_8);
        local.signingIdentity().verify(message, local.signingIdentity().sign(message));
    }

    static Set<String> tree(Path root) throws IOException {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> entries = Files.walk(root)) {
            entries.filter(path -> !path.equals(root))
                    .forEach(path -> paths.add(root.relativize(path).toString().replace('\\', '/')
                            + (Files.isDirectory(path) ? "/" : "")));
        }
        return paths;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Path> orgDirs(Path output) throws IOException {
        List<Path> orgs = new ArrayList<>();
        for (String kind : List.of("peerOrganizations", "ordererOrganizations")) {
            try (Stream<Path> entries = Files.list(output.resolve(kind))) {
                entries.sorted().forEach(orgs::add);
            }
        }
        return orgs;
    }

    private static Path single(Path dir, String suffix) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(suffix))
                    .reduce((a, b) -> {
                        throw new AssertionError("two " + suffix + " files in " + dir);
                    })
                    .orElseThrow();
        }
    }

    private static X509Certificate signcert(Path org, String folder, String name) {
        return cert(org.resolve(folder).resolve(name).resolve("msp/signcerts").resolve(name + "-cert.pem"));
    }

    static X509Certificate cert(Path file) {
        try {
            return Pem.parseCertificatePem(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String dn(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static X500Name x500(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static List<String> types(X500Name name) {
        List<String> types = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                types.add(value.getType().getId());
            }
        }
        return types;
    }

    private static List<String> sans(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                names.add(entry.get(0) + ":" + entry.get(1));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private static List<String> extensionOrder(X509Certificate certificate) {
        List<String> oids = new ArrayList<>();
        for (var oid : extensions(certificate).getExtensionOIDs()) {
            oids.add(oid.getId());
        }
        return oids;
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        return SubjectKeyIdentifier.fromExtensions(extensions(certificate)).getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate certificate) {
        return AuthorityKeyIdentifier.fromExtensions(extensions(certificate)).getKeyIdentifierOctets();
    }

    private static Extensions extensions(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded()).getExtensions();
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code openssl verify}; missing openssl skips the test locally and fails it when {@code CI=true}. */
    static final class Openssl {
        private static final Duration TIMEOUT = Duration.ofSeconds(30);

        private Openssl() {}

        static Optional<Path> find() {
            List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/openssl")));
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : Pattern.compile(Pattern.quote(java.io.File.pathSeparator))
                        .split(path)) {
                    if (!dir.isEmpty()) {
                        candidates.add(Path.of(dir, "openssl"));
                    }
                }
            }
            Optional<Path> found =
                    candidates.stream().filter(Files::isExecutable).findFirst();
            if (found.isEmpty()) {
                String message = "openssl is not installed (looked in /usr/bin and on PATH)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message + "; CI=true requires it");
                }
                Assumptions.abort(message);
            }
            return found;
        }

        static void assertVerifies(Optional<Path> openssl, Path caFile, Path certFile) throws Exception {
            Process process = new ProcessBuilder(
                            openssl.orElseThrow().toString(),
                            "verify",
                            "-CAfile",
                            caFile.toString(),
                            certFile.toString())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("openssl verify finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("openssl verify -CAfile %s %s said: %s", caFile, certFile, output)
                    .isZero();
            assertThat(output).contains(": OK");
        }
    }
}
