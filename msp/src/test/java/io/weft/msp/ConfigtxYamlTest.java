package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.msp.ConfigtxProfile.PolicySpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigtxYamlTest {
    private static final Path BASE = Path.of("/etc/weft/config");

    private static final String ORG =
            """
            Organizations:
              - &Org1
                Name: Org1MSP
                ID: Org1MSP
                MSPDir: ../orgs/org1/msp
                Policies: &Org1Policies
                  Readers: {Type: Signature, Rule: "OR('Org1MSP.member')"}
                  Writers: {Type: Signature, Rule: "OR('Org1MSP.member')"}
                  Admins: {Type: Signature, Rule: "OR('Org1MSP.admin')"}
                AnchorPeers:
                  - Host: peer0.org1.example.com
                    Port: 7051
              - &Orderer
                Name: OrdererOrg
                ID: OrdererMSP
                MSPDir: /abs/orderer/msp
                Policies:
                  Readers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Writers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Admins: {Type: Signature, Rule: "OR('OrdererMSP.admin')"}
                OrdererEndpoints: [orderer.example.com:7050]
            """;

    private static final String SECTIONS =
            """
            Capabilities:
              Channel: &ChannelCapabilities {V2_0: true, V1_4_3: false}
              Application: &ApplicationCapabilities {V2_5: true}
            Application: &ApplicationDefaults
              Policies: &AppPolicies
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
              Capabilities:
                <<: *ApplicationCapabilities
              ACLs:
                peer/Propose: /Channel/Application/Writers
            Orderer: &OrdererDefaults
              OrdererType: etcdraft
              EtcdRaft:
                Consenters:
                  - {Host: orderer.example.com, Port: 7050, ClientTLSCert: tls/client.crt, ServerTLSCert: tls/server.crt}
                Options:
                  SnapshotIntervalSize: 20 MB
              BatchTimeout: 1500ms
              BatchSize:
                MaxMessageCount: 10
                AbsoluteMaxBytes: 99 MB
                PreferredMaxBytes: 512 KB
              Policies:
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
            Channel: &ChannelDefaults
              Policies:
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
              Capabilities:
                <<: *ChannelCapabilities
            """;

    private static final String PROFILES =
            """
            Profiles:
              Raft:
                <<: *ChannelDefaults
                Orderer:
                  <<: *OrdererDefaults
                  Organizations: [*Orderer]
                Application:
                  <<: *ApplicationDefaults
                  Organizations:
                    - <<: *Org1
                      Policies:
                        <<: *Org1Policies
                        Admins: {Type: Signature, Rule: "OR('Org1MSP.member')"}
            """;

    private static ConfigtxYaml parse(String text) {
        return ConfigtxYaml.parse(text, BASE, "test.yaml");
    }

    @Test
    void profileInheritsSectionsThroughAnchorsAndMergeKeys() {
        ConfigtxProfile profile = parse(ORG + SECTIONS + PROFILES).profile("Raft");

        assertThat(profile.policies()).containsOnlyKeys("Readers", "Writers", "Admins");
        assertThat(profile.capabilities()).containsExactly("V2_0");
        ConfigtxProfile.Application application = profile.application().orElseThrow();
        assertThat(application.capabilities()).containsExactly("V2_5");
        assertThat(application.acls()).containsEntry("peer/Propose", "/Channel/Application/Writers");
        ConfigtxProfile.Organization org1 = application.organizations().get(0);
        assertThat(org1.mspId()).isEqualTo("Org1MSP");
        assertThat(org1.policies().get("Admins"))
                .isEqualTo(new PolicySpec(PolicySpec.Type.SIGNATURE, "OR('Org1MSP.member')"));
        assertThat(org1.policies().get("Readers").rule()).isEqualTo("OR('Org1MSP.member')");
        assertThat(org1.anchorPeers()).containsExactly(new ChannelConfig.HostPort("peer0.org1.example.com", 7051));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolder() {
        ConfigtxProfile profile = parse(ORG + SECTIONS + PROFILES).profile("Raft");

        assertThat(profile.application().orElseThrow().organizations().get(0).mspDir())
                .isEqualTo(Path.of("/etc/weft/orgs/org1/msp"));
        ConfigtxProfile.Orderer orderer = profile.orderer().orElseThrow();
        assertThat(orderer.organizations().get(0).mspDir()).isEqualTo(Path.of("/abs/orderer/msp"));
        assertThat(orderer.etcdRaft().orElseThrow().consenters().get(0).serverTlsCert())
                .isEqualTo(Path.of("/etc/weft/config/tls/server.crt"));
    }

    @Test
    void sizesUseBinaryUnitsAndDurationsGoSyntaxAndUnsetValuesGetFabricsDefaults() {
        ConfigtxProfile.Orderer orderer =
                parse(ORG + SECTIONS + PROFILES).profile("Raft").orderer().orElseThrow();

        assertThat(orderer.batchSize()).isEqualTo(new ChannelConfig.BatchSize(10, 99L << 20, 512L << 10));
        assertThat(orderer.batchTimeout()).isEqualTo(Duration.ofMillis(1500));
        ConfigtxProfile.RaftOptions options = orderer.etcdRaft().orElseThrow().options();
        assertThat(options).isEqualTo(new ConfigtxProfile.RaftOptions("500ms", 10, 1, 5, 20L << 20));
        assertThat(orderer.ordererType()).isEqualTo("etcdraft");
    }

    @Test
    void batchSizeDefaultsWhenTheSectionIsEmpty() {
        String text = (ORG + SECTIONS + PROFILES)
                .replace("    MaxMessageCount: 10\n    AbsoluteMaxBytes: 99 MB\n    PreferredMaxBytes: 512 KB\n", "")
                .replace("  BatchTimeout: 1500ms\n", "");

        ConfigtxProfile.Orderer orderer = parse(text).profile("Raft").orderer().orElseThrow();

        assertThat(orderer.batchSize()).isEqualTo(new ChannelConfig.BatchSize(500, 10L << 20, 2L << 20));
        assertThat(orderer.batchTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unknownProfileIsAnErrorListingTheProfiles() {
        ConfigtxYaml configtx = parse(ORG + SECTIONS + PROFILES);

        assertThatThrownBy(() -> configtx.profile("TwoOrgs"))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("no profile 'TwoOrgs'")
                .hasMessageContaining("profiles: Raft");
    }

    @Test
    void missingMspDirNamesTheKey() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES).replace("    MSPDir: ../orgs/org1/msp\n", ""));

        assertThatThrownBy(() -> configtx.profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Application.Organizations[0].MSPDir is missing");
    }

    @Test
    void badSignatureRuleNamesTheKeyAndTheRule() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES)
                .replace(
                        "Readers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}",
                        "Readers: {Type: Signature, Rule: \"OR('Org1MSP.boss')\"}"));

        assertThatThrownBy(() -> configtx.profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Application.Organizations[0].Policies.Readers.Rule")
                .hasMessageContaining("'Org1MSP.boss'")
                .isInstanceOf(MspException.class);
    }

    @Test
    void badImplicitMetaRuleNamesTheKey() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES)
                .replace(
                        "Rule: \"MAJORITY Admins\"}\n            Channel",
                        "Rule: \"MOST Admins\"}\n            Channel"));
        ConfigtxYaml broken = parse((ORG + SECTIONS + PROFILES)
                .replace(
                        "BlockValidation: {Type: ImplicitMeta, Rule: \"ANY Writers\"}",
                        "BlockValidation: {Type: ImplicitMeta, Rule: \"SOME Writers\"}"));

        assertThat(configtx.profile("Raft")).isNotNull();
        assertThatThrownBy(() -> broken.profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Orderer.Policies.BlockValidation.Rule 'SOME Writers'")
                .hasMessageContaining("unknown rule type 'SOME'");
    }

    @Test
    void unknownKeyIsAnErrorWithAHint() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES).replace("  BatchTimeout:", "  Batchtimeout:"));

        assertThatThrownBy(() -> configtx.profile("Raft"))
                .hasMessageContaining("unknown key Profiles.Raft.Orderer.Batchtimeout (did you mean BatchTimeout?)");
    }

    @Test
    void ordererWithoutBlockValidationPolicyIsRefused() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES)
                .replace("    BlockValidation: {Type: ImplicitMeta, Rule: \"ANY Writers\"}\n", ""));

        assertThatThrownBy(() -> configtx.profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Orderer.Policies has no BlockValidation policy");
    }

    @Test
    void sizeThatIsNotASizeNamesTheKey() {
        ConfigtxYaml configtx = parse((ORG + SECTIONS + PROFILES).replace("99 MB", "99 MiBs"));

        assertThatThrownBy(() -> configtx.profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Orderer.BatchSize.AbsoluteMaxBytes is '99 MiBs'");
    }

    @Test
    void raftWithoutConsentersIsRefused() {
        String text = (ORG + SECTIONS + PROFILES)
                .replace(
                        "      - {Host: orderer.example.com, Port: 7050, ClientTLSCert: tls/client.crt, ServerTLSCert: tls/server.crt}\n",
                        "");

        assertThatThrownBy(() -> parse(text).profile("Raft"))
                .hasMessageContaining("Profiles.Raft.Orderer.EtcdRaft.Consenters is empty");
    }

    @Test
    void printOrgFindsTopLevelOrganizationsByName() {
        ConfigtxYaml configtx = parse(ORG + SECTIONS + PROFILES);

        assertThat(configtx.organization("OrdererOrg").ordererEndpoints()).containsExactly("orderer.example.com:7050");
        assertThatThrownBy(() -> configtx.organization("Org9"))
                .hasMessageContaining("no organization named 'Org9'")
                .hasMessageContaining("Org1MSP, OrdererOrg");
    }

    @Test
    void notYamlIsAnError() {
        assertThatThrownBy(() -> parse("Profiles: [unclosed"))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("test.yaml is not valid YAML");
    }

    @Test
    void theRepositorySampleParses() {
        ConfigtxProfile profile =
                ConfigtxYaml.load(Path.of("..", "config", "configtx.yaml")).profile("ChannelUsingRaft");

        assertThat(profile.orderer().orElseThrow().organizations())
                .extracting(o -> o.mspId())
                .containsExactly("OrdererMSP");
        assertThat(profile.application().orElseThrow().organizations())
                .extracting(o -> o.mspId())
                .containsExactly("Org1MSP", "Org2MSP");
        assertThat(profile.application().orElseThrow().policies().get("Endorsement"))
                .isEqualTo(new PolicySpec(PolicySpec.Type.IMPLICIT_META, "MAJORITY Endorsement"));
    }
}
