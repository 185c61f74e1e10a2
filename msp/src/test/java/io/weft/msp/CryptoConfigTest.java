package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.msp.internal.cryptogen.OrgPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoConfigTest {
    private static final String TEST_NETWORK =
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
            """;

    @Test
    void parsesFabricKeysIntoRecords() {
        CryptoConfig config = CryptoConfig.parse(TEST_NETWORK, "test");

        assertThat(config.ordererOrgs()).singleElement().satisfies(org -> {
            assertThat(org.name()).isEqualTo("Orderer");
            assertThat(org.domain()).isEqualTo("example.com");
            assertThat(org.enableNodeOus()).isTrue();
            assertThat(org.specs()).singleElement().satisfies(spec -> {
                assertThat(spec.hostname()).isEqualTo("orderer");
                assertThat(spec.sans()).containsExactly("localhost");
            });
            assertThat(org.template().count()).isZero();
            assertThat(org.users().count()).isZero();
        });
        assertThat(config.peerOrgs()).singleElement().satisfies(org -> {
            assertThat(org.template()).isEqualTo(new CryptoConfig.NodeTemplate(1, 0, "", List.of("localhost")));
            assertThat(org.users().count()).isEqualTo(1);
            assertThat(org.ca()).isEqualTo(CryptoConfig.NodeSpec.empty());
        });
    }

    @Test
    void rendersDefaultNamesAsFabricDoes() {
        CryptoConfig config = CryptoConfig.parse(TEST_NETWORK, "test");

        OrgPlan peers = OrgPlan.of(config.peerOrgs().get(0), OrgPlan.Kind.PEER);
        assertThat(peers.nodes())
                .containsExactly(new OrgPlan.Node(
                        "peer0", "peer0.org1.example.com", List.of("peer0.org1.example.com", "peer0", "localhost")));
        assertThat(peers.ca().hostname()).isEqualTo("ca");
        assertThat(peers.ca().commonName()).isEqualTo("ca.org1.example.com");
        assertThat(peers.users()).containsExactly("User1@org1.example.com", "Admin@org1.example.com");

        OrgPlan orderers = OrgPlan.of(config.ordererOrgs().get(0), OrgPlan.Kind.ORDERER);
        assertThat(orderers.nodes()).extracting(OrgPlan.Node::commonName).containsExactly("orderer.example.com");
        assertThat(orderers.users()).containsExactly("Admin@example.com");
    }

    @Test
    void appendsTemplateNodesAfterSpecsCountingFromStart() {
        CryptoConfig config = CryptoConfig.parse(
                """
                PeerOrgs:
                  - Name: Org1
                    Domain: org1.example.com
                    Specs:
                      - Hostname: foo
                        CommonName: "foo27.{{.Domain}}"
                        SANS: ["bar.{{.Domain}}", "{{ .Hostname }}.org6.net", "{{.CommonName}}.alt", 172.16.10.31]
                    Template:
                      Count: 2
                      Start: 5
                """,
                "test");

        OrgPlan plan = OrgPlan.of(config.peerOrgs().get(0), OrgPlan.Kind.PEER);

        assertThat(plan.nodes())
                .containsExactly(
                        new OrgPlan.Node(
                                "foo",
                                "foo27.org1.example.com",
                                List.of(
                                        "foo27.org1.example.com",
                                        "foo",
                                        "bar.org1.example.com",
                                        "foo.org6.net",
                                        "foo27.org1.example.com.alt",
                                        "172.16.10.31")),
                        new OrgPlan.Node("peer5", "peer5.org1.example.com", List.of("peer5.org1.example.com", "peer5")),
                        new OrgPlan.Node(
                                "peer6", "peer6.org1.example.com", List.of("peer6.org1.example.com", "peer6")));
    }

    @Test
    void rendersHostnameTemplateAndCaOverrides() {
        CryptoConfig config = CryptoConfig.parse(
                """
                OrdererOrgs:
                  - Name: Orderer
                    Domain: example.com
                    CA:
                      Hostname: rootca
                      Country: DE
                      OrganizationalUnit: Ops
                    Template:
                      Count: 2
                      Hostname: "{{.Prefix}}-{{.Index}}-{{- .Domain }}"
                """,
                "test");

        OrgPlan plan = OrgPlan.of(config.ordererOrgs().get(0), OrgPlan.Kind.ORDERER);

        assertThat(plan.nodes())
                .extracting(OrgPlan.Node::hostname)
                .containsExactly("orderer-0-example.com", "orderer-1-example.com");
        assertThat(plan.ca().commonName()).isEqualTo("rootca.example.com");
        assertThat(plan.ca().country()).isEqualTo("DE");
        assertThat(plan.ca().organizationalUnit()).isEqualTo("Ops");
    }

    @Test
    void sampleParsesAndDescribesFabricsDefaultNetwork() {
        CryptoConfig sample = CryptoConfig.sample();

        assertThat(sample.ordererOrgs()).extracting(CryptoConfig.Org::domain).containsExactly("example.com");
        assertThat(sample.peerOrgs())
                .extracting(CryptoConfig.Org::domain)
                .containsExactly("org1.example.com", "org2.example.com");
        assertThat(CryptoConfig.sampleYaml()).contains("# ").contains("EnableNodeOUs");
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crypto-config.yaml");
        Files.writeString(file, TEST_NETWORK);

        assertThat(CryptoConfig.load(file).peerOrgs()).hasSize(1);
        assertThatThrownBy(() -> CryptoConfig.load(dir.resolve("absent.yaml")))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("absent.yaml does not exist");
    }

    @Test
    void rejectsInvalidYaml() {
        assertThatThrownBy(() -> CryptoConfig.parse("PeerOrgs: [unclosed", "bad.yaml"))
                .isInstanceOf(MspException.class)
                .hasMessageStartingWith("crypto config bad.yaml is not valid YAML: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsMissingNameOrDomain() {
        assertThatThrownBy(() -> parse("PeerOrgs:\n  - Domain: org1.example.com\n"))
                .hasMessage("crypto config test: PeerOrgs[0].Name is missing or empty");
        assertThatThrownBy(() -> parse("OrdererOrgs:\n  - Name: Orderer\n"))
                .hasMessage("crypto config test: OrdererOrgs[0].Domain is missing or empty");
        assertThatThrownBy(() -> parse("PeerOrgs:\n  - Name: Org1\n    Domain: ''\n"))
                .hasMessageContaining("PeerOrgs[0].Domain is missing or empty");
    }

    @Test
    void rejectsUnknownKeysNamingThem() {
        assertThatThrownBy(() -> parse("PeerOrg:\n  - Name: Org1\n"))
                .hasMessage("crypto config test: has an unknown key PeerOrg (expected one of OrdererOrgs, PeerOrgs)");
        assertThatThrownBy(() -> peerOrg("Tempalte:", "  Count: 1"))
                .hasMessageContaining("unknown key PeerOrgs[0].Tempalte (expected one of CA, Domain,");
        assertThatThrownBy(() -> parse("PeerOrgs:\n  - Name: Org1\n    domain: d\n"))
                .hasMessageContaining("unknown key PeerOrgs[0].domain (did you mean Domain?)");
        assertThatThrownBy(() -> peerOrg("Template:", "  Cont: 1"))
                .hasMessageContaining("unknown key PeerOrgs[0].Template.Cont");
        assertThatThrownBy(() -> peerOrg("Specs:", "  - Hostname: a", "    Sans: [x]"))
                .hasMessageContaining("unknown key PeerOrgs[0].Specs[0].Sans (did you mean SANS?)");
    }

    @Test
    void rejectsValuesOfTheWrongShape() {
        assertThatThrownBy(() -> peerOrg("Users:", "  Count: many"))
                .hasMessage("crypto config test: PeerOrgs[0].Users.Count must be a whole number, found 'many'");
        assertThatThrownBy(() -> peerOrg("Template:", "  Count: -1"))
                .hasMessageContaining("PeerOrgs[0].Template.Count is -1; it must be between 0 and 10000");
        assertThatThrownBy(() -> peerOrg("EnableNodeOUs: maybe"))
                .hasMessageContaining("PeerOrgs[0].EnableNodeOUs must be true or false, found 'maybe'");
        assertThatThrownBy(() -> parse("PeerOrgs:\n  Name: O\n"))
                .hasMessageContaining("PeerOrgs must be a list, found a mapping");
        assertThatThrownBy(() -> peerOrg("Specs:", "  - CommonName: x"))
                .hasMessageContaining("PeerOrgs[0].Specs[0].Hostname is missing or empty");
        assertThatThrownBy(() -> peerOrg("Name: Again"))
                .hasMessageContaining("is not valid YAML")
                .hasMessageContaining("duplicate key Name");
    }

    @Test
    void rejectsTemplatesItCannotRender() {
        assertThatThrownBy(() -> peerOrg("Template:", "  Count: 1", "  Hostname: \"{{.Hostname}}\""))
                .hasMessage("crypto config test: org Org1 (d) Template.Hostname template '{{.Hostname}}': there is no"
                        + " field .Hostname here; available: .Domain, .Index, .Prefix");
        assertThatThrownBy(() -> peerOrg("Specs:", "  - Hostname: a", "    CommonName: \"{{if .Domain}}x{{end}}\""))
                .hasMessageContaining("CommonName template '{{if .Domain}}x{{end}}': {{if .Domain}} is not supported");
        assertThatThrownBy(() -> peerOrg("Specs:", "  - Hostname: a", "    SANS: [\"{{.Domain\"]"))
                .hasMessageContaining("SANS template '{{.Domain': an action opened with {{ is not closed with }}");
    }

    @Test
    void rejectsNamesThatCannotBeFolders() {
        assertThatThrownBy(() -> parse("PeerOrgs:\n  - Name: Org1\n    Domain: ../escape\n"))
                .hasMessageContaining("Domain '../escape' cannot be used as a folder name");
        assertThatThrownBy(() -> peerOrg("Specs:", "  - Hostname: a", "    CommonName: x/y"))
                .hasMessageContaining("node common name 'x/y' cannot be used as a folder name");
    }

    @Test
    void acceptsEcdsaButNotEd25519KeyAlgorithms() {
        assertThat(peerOrg("Users:", "  Count: 1", "  PublicKeyAlgorithm: ecdsa")
                        .peerOrgs())
                .hasSize(1);
        assertThatThrownBy(() -> peerOrg("Template:", "  Count: 1", "  PublicKeyAlgorithm: ed25519"))
                .hasMessageContaining(
                        "PeerOrgs[0].Template.PublicKeyAlgorithm is 'ed25519'; Weft supports only ecdsa (P-256)");
    }

    @Test
    void rejectsAConfigWithoutOrganizations() {
        assertThatThrownBy(() -> parse(""))
                .hasMessage("crypto config test: is empty; expected OrdererOrgs and/or PeerOrgs");
        assertThatThrownBy(() -> parse("PeerOrgs: []\n")).hasMessageContaining("defines no organizations");
    }

    /** A config of one peer org, Org1 with domain d, with the given lines added to the org's keys. */
    private static CryptoConfig peerOrg(String... lines) {
        StringBuilder yaml = new StringBuilder("PeerOrgs:\n  - Name: Org1\n    Domain: d\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return parse(yaml.toString());
    }

    private static CryptoConfig parse(String yaml) {
        return CryptoConfig.parse(yaml, "test");
    }
}
