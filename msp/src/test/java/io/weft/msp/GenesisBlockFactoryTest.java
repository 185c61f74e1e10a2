package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.weft.proto.BlockHashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisBlockFactoryTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");

    @TempDir
    static Path dir;

    static ConfigtxNetwork network;
    static Block block;

    @BeforeAll
    static void generate() {
        network = ConfigtxNetwork.create(dir);
        ConfigtxProfile profile = ConfigtxYaml.load(network.configtx).profile("ChannelUsingRaft");
        block = new GenesisBlockFactory(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC))
                .genesisBlock("mychannel", profile);
    }

    private static Payload payload() throws Exception {
        return Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
    }

    private static ConfigGroup channelGroup() throws Exception {
        return ConfigEnvelope.parseFrom(payload().getData()).getConfig().getChannelGroup();
    }

    @Test
    void headerIsBlockZeroWithEmptyPreviousHashAndTheDataHash() {
        assertThat(block.getHeader().getNumber()).isZero();
        assertThat(block.getHeader().getPreviousHash()).isEmpty();
        assertThat(block.getData().getDataCount()).isEqualTo(1);
        assertThat(block.getHeader().getDataHash()).isEqualTo(BlockHashing.dataHash(block.getData()));
    }

    @Test
    void envelopeIsAnUnsignedConfigTransactionWithTxIdFromNonceAndCreator() throws Exception {
        Envelope envelope = Envelope.parseFrom(block.getData().getData(0));
        Payload payload = payload();
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        SignatureHeader signatureHeader =
                SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());

        assertThat(envelope.getSignature()).isEmpty();
        assertThat(header.getType()).isEqualTo(HeaderType.CONFIG_VALUE);
        assertThat(header.getVersion()).isEqualTo(1);
        assertThat(header.getChannelId()).isEqualTo("mychannel");
        assertThat(header.getEpoch()).isZero();
        assertThat(header.getTimestamp().getSeconds()).isEqualTo(NOW.getEpochSecond());
        assertThat(header.getTimestamp().getNanos()).isZero();
        assertThat(signatureHeader.getCreator()).isEmpty();
        assertThat(signatureHeader.getNonce().size()).isEqualTo(24);
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        assertThat(header.getTxId())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(sha256.digest(signatureHeader.getNonce().toByteArray())));
        assertThat(ConfigEnvelope.parseFrom(payload.getData()).getConfig().getSequence())
                .isZero();
    }

    @Test
    @SuppressWarnings("deprecation") // LAST_CONFIG and ORDERER are deprecated indices that Fabric still writes
    void metadataHasFiveEntriesWithLastConfigZero() throws Exception {
        assertThat(block.getMetadata().getMetadataCount()).isEqualTo(5);
        Metadata signatures = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
        OrdererBlockMetadata ordererMetadata = OrdererBlockMetadata.parseFrom(signatures.getValue());
        assertThat(ordererMetadata.hasLastConfig()).isTrue();
        assertThat(ordererMetadata.getLastConfig().getIndex()).isZero();
        assertThat(signatures.getSignaturesList()).isEmpty();
        Metadata lastConfig = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE));
        assertThat(LastConfig.parseFrom(lastConfig.getValue()).getIndex()).isZero();
        assertThat(block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
                .isEmpty();
        assertThat(block.getMetadata().getMetadata(BlockMetadataIndex.ORDERER_VALUE))
                .isEmpty();
        assertThat(block.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE))
                .isEmpty();
    }

    @Test
    void channelGroupHasFabricsValuesPoliciesAndModPolicies() throws Exception {
        ConfigGroup channel = channelGroup();

        assertThat(channel.getModPolicy()).isEqualTo("Admins");
        assertThat(channel.getGroupsMap()).containsOnlyKeys("Orderer", "Application");
        assertThat(channel.getValuesMap())
                .containsOnlyKeys("HashingAlgorithm", "BlockDataHashingStructure", "Capabilities");
        assertThat(channel.getValuesMap().values())
                .allSatisfy(v -> assertThat(v.getModPolicy()).isEqualTo("Admins"));
        assertThat(channel.getPoliciesMap()).containsOnlyKeys("Readers", "Writers", "Admins");
        Policy admins = channel.getPoliciesMap().get("Admins").getPolicy();
        assertThat(admins.getType()).isEqualTo(Policy.PolicyType.IMPLICIT_META_VALUE);
        assertThat(ImplicitMetaPolicy.parseFrom(admins.getValue()))
                .isEqualTo(ImplicitMetaPolicy.newBuilder()
                        .setRule(ImplicitMetaPolicy.Rule.MAJORITY)
                        .setSubPolicy("Admins")
                        .build());
        assertThat(org.hyperledger.fabric.protos.common.Capabilities.parseFrom(
                                channel.getValuesMap().get("Capabilities").getValue())
                        .getCapabilitiesMap())
                .containsOnlyKeys("V2_0");
    }

    @Test
    void ordererGroupCarriesBatchSettingsRaftMetadataAndTheOrdererOrg() throws Exception {
        ConfigGroup orderer = channelGroup().getGroupsOrThrow("Orderer");

        assertThat(orderer.getModPolicy()).isEqualTo("Admins");
        assertThat(orderer.getPoliciesMap()).containsOnlyKeys("Readers", "Writers", "Admins", "BlockValidation");
        assertThat(orderer.getValuesMap())
                .containsOnlyKeys("BatchSize", "BatchTimeout", "ChannelRestrictions", "Capabilities", "ConsensusType");
        assertThat(BatchSize.parseFrom(orderer.getValuesOrThrow("BatchSize").getValue()))
                .isEqualTo(BatchSize.newBuilder()
                        .setMaxMessageCount(10)
                        .setAbsoluteMaxBytes(99 << 20)
                        .setPreferredMaxBytes(512 << 10)
                        .build());
        assertThat(BatchTimeout.parseFrom(
                                orderer.getValuesOrThrow("BatchTimeout").getValue())
                        .getTimeout())
                .isEqualTo("2s");
        ConsensusType consensus = ConsensusType.parseFrom(
                orderer.getValuesOrThrow("ConsensusType").getValue());
        assertThat(consensus.getType()).isEqualTo("etcdraft");
        ConfigMetadata raft = ConfigMetadata.parseFrom(consensus.getMetadata());
        assertThat(raft.getConsentersList()).singleElement().satisfies(c -> {
            assertThat(c.getHost()).isEqualTo("127.0.0.1");
            assertThat(c.getPort()).isEqualTo(7050);
            assertThat(c.getServerTlsCert().toStringUtf8()).startsWith("-----BEGIN CERTIFICATE-----");
        });
        assertThat(raft.getOptions().getTickInterval()).isEqualTo("500ms");
        ConfigGroup org = orderer.getGroupsOrThrow("OrdererOrg");
        assertThat(org.getValuesMap()).containsOnlyKeys("MSP", "Endpoints");
        assertThat(OrdererAddresses.parseFrom(org.getValuesOrThrow("Endpoints").getValue())
                        .getAddressesList())
                .containsExactly("127.0.0.1:7050");
    }

    @Test
    void applicationOrgsCarryTheMspFolderPoliciesAndAnchorPeers() throws Exception {
        ConfigGroup application = channelGroup().getGroupsOrThrow("Application");

        assertThat(application.getPoliciesMap())
                .containsOnlyKeys("Readers", "Writers", "Admins", "Endorsement", "LifecycleEndorsement");
        assertThat(ACLs.parseFrom(application.getValuesOrThrow("ACLs").getValue())
                        .getAclsMap())
                .containsKey("peer/Propose")
                .hasSize(19);
        ConfigGroup org1 = application.getGroupsOrThrow("Org1MSP");
        assertThat(org1.getModPolicy()).isEqualTo("Admins");
        assertThat(org1.getPoliciesMap()).containsOnlyKeys("Readers", "Writers", "Admins", "Endorsement");
        assertThat(org1.getPoliciesMap().values()).allSatisfy(p -> {
            assertThat(p.getModPolicy()).isEqualTo("Admins");
            assertThat(p.getPolicy().getType()).isEqualTo(Policy.PolicyType.SIGNATURE_VALUE);
        });
        SignaturePolicyEnvelope endorsement = SignaturePolicyEnvelope.parseFrom(
                org1.getPoliciesOrThrow("Endorsement").getPolicy().getValue());
        assertThat(PolicyDsl.render(endorsement)).contains("Org1MSP.peer");
        MSPConfig msp = MSPConfig.parseFrom(org1.getValuesOrThrow("MSP").getValue());
        assertThat(msp.getType()).isZero();
        FabricMSPConfig fabric = FabricMSPConfig.parseFrom(msp.getConfig());
        assertThat(fabric.getName()).isEqualTo("Org1MSP");
        assertThat(fabric.getRootCerts(0))
                .isEqualTo(ByteString.copyFrom(Files.readAllBytes(network.root.resolve(
                        "organizations/peerOrganizations/org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem"))));
        assertThat(fabric.getFabricNodeOus().getEnable()).isTrue();
        assertThat(AnchorPeers.parseFrom(org1.getValuesOrThrow("AnchorPeers").getValue())
                        .getAnchorPeers(0)
                        .getPort())
                .isEqualTo(7051);
    }

    @Test
    void badChannelIdsAreRefused() {
        ConfigtxProfile profile = ConfigtxYaml.load(network.configtx).profile("ChannelUsingRaft");
        GenesisBlockFactory factory = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC());

        assertThatThrownBy(() -> factory.genesisBlock("MyChannel", profile))
                .hasMessageContaining("'MyChannel' is not valid");
        assertThatThrownBy(() -> factory.genesisBlock("", profile)).hasMessageContaining("channel ID is empty");
    }

    @Test
    void missingMaterialNamesTheFile() throws Exception {
        Path elsewhere = dir.resolve("elsewhere/config");
        Files.createDirectories(elsewhere);
        Path configtx = elsewhere.resolve("configtx.yaml");
        Files.copy(network.configtx, configtx);
        ConfigtxProfile profile = ConfigtxYaml.load(configtx).profile("ChannelUsingRaft");
        GenesisBlockFactory factory = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC());

        assertThatThrownBy(() -> factory.genesisBlock("mychannel", profile))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("profile ChannelUsingRaft")
                .hasMessageContaining("does not exist");
    }
}
