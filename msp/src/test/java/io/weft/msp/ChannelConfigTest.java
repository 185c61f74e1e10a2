package io.weft.msp;

import static io.weft.msp.ConfigtxNetwork.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelConfigTest {
    @TempDir
    static Path dir;

    static ConfigtxNetwork network;
    static Block block;
    static ChannelConfig config;

    @BeforeAll
    static void generate() {
        network = ConfigtxNetwork.create(dir);
        ConfigtxProfile profile = ConfigtxYaml.load(network.configtx).profile("ChannelUsingRaft");
        block = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC()).genesisBlock("mychannel", profile);
        config = ChannelConfig.fromBlock(block, ConfigtxNetwork.CRYPTO);
    }

    @Test
    void readsChannelIdSequenceOrgsAndMsps() {
        assertThat(config.channelId()).isEqualTo("mychannel");
        assertThat(config.sequence()).isZero();
        assertThat(config.applicationOrgs()).containsEntry("Org1MSP", "Org1MSP").containsEntry("Org2MSP", "Org2MSP");
        assertThat(config.ordererOrgs()).containsExactlyEntriesOf(java.util.Map.of("OrdererOrg", "OrdererMSP"));
        assertThat(config.msps().msps()).containsOnlyKeys("OrdererMSP", "Org1MSP", "Org2MSP");
    }

    @Test
    void readsOrdererSettingsCapabilitiesAclsAndAnchorPeers() {
        assertThat(config.batchSize()).isEqualTo(new ChannelConfig.BatchSize(10, 99L << 20, 512L << 10));
        assertThat(config.batchTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.consensusType().getType()).isEqualTo("etcdraft");
        assertThat(config.etcdRaftMetadata().orElseThrow().getConsenters(0).getHost())
                .isEqualTo("127.0.0.1");
        assertThat(config.ordererOrgEndpoints()).containsEntry("OrdererOrg", List.of("127.0.0.1:7050"));
        assertThat(config.ordererAddresses()).isEmpty();
        assertThat(config.ordererEndpoints()).containsExactly("127.0.0.1:7050");
        assertThat(config.channelCapabilities()).containsExactly("V2_0");
        assertThat(config.ordererCapabilities()).containsExactly("V2_0");
        assertThat(config.applicationCapabilities()).containsExactly("V2_5");
        assertThat(config.acls()).containsEntry("event/Block", "/Channel/Application/Readers");
        assertThat(config.anchorPeers())
                .containsEntry("Org2MSP", List.of(new ChannelConfig.HostPort("127.0.0.1", 9051)));
    }

    @Test
    void policiesAreAddressableByAbsoluteAndRelativePaths() {
        assertThat(config.policies())
                .containsKeys(
                        "/Channel/Readers",
                        "/Channel/Application/Writers",
                        "/Channel/Application/Org1MSP/Endorsement",
                        "/Channel/Orderer/BlockValidation",
                        "/Channel/Orderer/OrdererOrg/Writers");
        assertThat(config.policy("Application/Writers"))
                .containsSame(config.policy("/Channel/Application/Writers").orElseThrow());
        assertThat(config.policy("/Channel/Application/Nope")).isEmpty();
        assertThatThrownBy(() -> config.requirePolicy("Application/Nope"))
                .hasMessageContaining("no policy Application/Nope (/Channel/Application/Nope)");
    }

    @Test
    void applicationWritersIsSatisfiedByAClientAndNotByAPeer() {
        Policy writers = config.requirePolicy("/Channel/Application/Writers");

        assertThat(writers.evaluate(List.of(sign(network.client(1), "tx"))).satisfied())
                .isTrue();
        assertThat(writers.evaluate(List.of(sign(network.peer(1), "tx"))).satisfied())
                .isFalse();
    }

    @Test
    void endorsementMajorityNeedsPeersOfBothOrgs() {
        Policy endorsement = config.requirePolicy("/Channel/Application/Endorsement");

        PolicyResult one = endorsement.evaluate(List.of(sign(network.peer(1), "proposal response")));
        PolicyResult both = endorsement.evaluate(
                List.of(sign(network.peer(1), "proposal response"), sign(network.peer(2), "proposal response")));
        PolicyResult clients = endorsement.evaluate(
                List.of(sign(network.client(1), "proposal response"), sign(network.client(2), "proposal response")));

        assertThat(one.satisfied()).isFalse();
        assertThat(one.explanation()).contains("requires 2 of 2");
        assertThat(both.satisfied()).isTrue();
        assertThat(clients.satisfied()).isFalse();
    }

    @Test
    void blockValidationIsSatisfiedByTheOrdererAndNotByAPeer() {
        Policy blockValidation = config.requirePolicy("/Channel/Orderer/BlockValidation");

        assertThat(blockValidation
                        .evaluate(List.of(sign(network.orderer(), "block")))
                        .satisfied())
                .isTrue();
        assertThat(blockValidation
                        .evaluate(List.of(sign(network.peer(1), "block")))
                        .satisfied())
                .isFalse();
    }

    @Test
    void channelAdminsNeedsAMajorityOfGroupAdmins() {
        Policy admins = config.requirePolicy("/Channel/Admins");

        assertThat(admins.evaluate(List.of(sign(network.admin(1), "update"))).satisfied())
                .isFalse();
        assertThat(admins.evaluate(List.of(
                                sign(network.admin(1), "update"),
                                sign(network.admin(2), "update"),
                                sign(network.ordererAdmin(), "update")))
                        .satisfied())
                .isTrue();
    }

    @Test
    void readersAcceptAnyOrgMemberAcrossTheChannel() {
        Policy readers = config.requirePolicy("Readers");

        assertThat(readers.evaluate(List.of(sign(network.peer(2), "deliver"))).satisfied())
                .isTrue();
        assertThat(readers.evaluate(List.of(sign(network.orderer(), "deliver"))).satisfied())
                .isTrue();
    }

    @Test
    void errorsNameTheConfigPath() throws Exception {
        Config original = ConfigEnvelope.parseFrom(Payload.parseFrom(
                                Envelope.parseFrom(block.getData().getData(0)).getPayload())
                        .getData())
                .getConfig();
        ConfigGroup.Builder root = original.getChannelGroup().toBuilder();
        ConfigGroup.Builder orderer = root.getGroupsOrThrow("Orderer").toBuilder();
        orderer.putValues(
                "BatchTimeout",
                ConfigValue.newBuilder()
                        .setValue(BatchTimeout.newBuilder()
                                .setTimeout("soon")
                                .build()
                                .toByteString())
                        .build());
        root.putGroups("Orderer", orderer.build());
        Config broken = original.toBuilder().setChannelGroup(root).build();

        assertThatThrownBy(() -> ChannelConfig.fromConfig("mychannel", broken, ConfigtxNetwork.CRYPTO))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("channel mychannel")
                .hasMessageContaining("/Channel/Orderer/BatchTimeout")
                .hasMessageContaining("'soon'");
    }

    @Test
    void missingMspValueNamesTheOrgGroup() throws Exception {
        Config original = ConfigEnvelope.parseFrom(Payload.parseFrom(
                                Envelope.parseFrom(block.getData().getData(0)).getPayload())
                        .getData())
                .getConfig();
        ConfigGroup.Builder root = original.getChannelGroup().toBuilder();
        ConfigGroup.Builder application = root.getGroupsOrThrow("Application").toBuilder();
        application.putGroups(
                "Org2MSP",
                application.getGroupsOrThrow("Org2MSP").toBuilder()
                        .removeValues("MSP")
                        .build());
        root.putGroups("Application", application.build());

        assertThatThrownBy(() -> ChannelConfig.fromConfig(
                        "mychannel", original.toBuilder().setChannelGroup(root).build(), ConfigtxNetwork.CRYPTO))
                .hasMessageContaining("no value /Channel/Application/Org2MSP/MSP");
    }

    @Test
    void aBlockWithTwoEnvelopesIsNotAConfigBlock() {
        Block two = block.toBuilder()
                .setData(block.getData().toBuilder().addData(block.getData().getData(0)))
                .build();

        assertThatThrownBy(() -> ChannelConfig.fromBlock(two, ConfigtxNetwork.CRYPTO))
                .hasMessageContaining("not a config block");
    }
}
