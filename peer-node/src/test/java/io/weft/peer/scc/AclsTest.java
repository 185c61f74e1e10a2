package io.weft.peer.scc;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.msp.ChannelConfig;
import io.weft.msp.MspFolder;
import io.weft.msp.SignedData;
import io.weft.msp.SigningIdentity;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclsTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static ChannelConfig config;
    private static Acls org1;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        config = ChannelConfig.fromBlock(network.genesisBlock("mychannel"), TestNetwork.CRYPTO);
        org1 = new Acls(MspFolder.load(network.peerMspDir(1), "Org1MSP", TestNetwork.CRYPTO)
                .msp());
    }

    private static List<SignedData> signed(SigningIdentity who) {
        var data = com.google.protobuf.ByteString.copyFromUtf8("proposal bytes");
        return List.of(new SignedData(
                data, who.serialized(), com.google.protobuf.ByteString.copyFrom(who.sign(data.toByteArray()))));
    }

    @Test
    void mapsResourcesToFabricsDefaultPolicies() {
        Optional<ChannelConfig> none = Optional.empty();
        assertThat(Acls.policyFor("_lifecycle/CommitChaincodeDefinition", none)).contains(Acls.CHANNEL_WRITERS);
        assertThat(Acls.policyFor("_lifecycle/CheckCommitReadiness", none)).contains(Acls.CHANNEL_WRITERS);
        assertThat(Acls.policyFor("_lifecycle/InstallChaincode", none)).contains(Acls.LOCAL_ADMINS);
        assertThat(Acls.policyFor("_lifecycle/ApproveChaincodeDefinitionForMyOrg", none))
                .contains(Acls.LOCAL_ADMINS);
        assertThat(Acls.policyFor("qscc/GetChainInfo", none)).contains(Acls.CHANNEL_READERS);
        assertThat(Acls.policyFor("cscc/GetConfigBlock", none)).contains(Acls.CHANNEL_READERS);
        assertThat(Acls.policyFor("cscc/JoinChain", none)).contains(Acls.LOCAL_ADMINS);
        assertThat(Acls.policyFor("cscc/GetChannels", none)).contains(Acls.LOCAL_MEMBERS);
        assertThat(Acls.policyFor("peer/Propose", none)).contains(Acls.CHANNEL_WRITERS);
        assertThat(Acls.policyFor("event/Block", none)).contains(Acls.CHANNEL_READERS);
        assertThat(Acls.policyFor("event/FilteredBlock", none)).contains(Acls.CHANNEL_READERS);
        assertThat(Acls.policyFor("gateway/CommitStatus", none)).contains(Acls.CHANNEL_READERS);
        assertThat(Acls.policyFor("nope/Nothing", none)).isEmpty();
        assertThat(org1.check("nope/Nothing", Optional.of(config), signed(network.client(1))))
                .contains("Unmapped policy for nope/Nothing");
    }

    @Test
    void channelConfigOverridesChannelResourcesButNotPeerResources() {
        ChannelConfig overridden = withAcls(
                "qscc/GetChainInfo", "Admins", // relative to /Channel/Application
                "peer/Propose", "/Channel/Application/Org1MSP/Admins",
                "_lifecycle/InstallChaincode", "/Channel/Application/Readers");
        assertThat(Acls.policyFor("qscc/GetChainInfo", Optional.of(overridden)))
                .contains("/Channel/Application/Admins");
        assertThat(Acls.policyFor("_lifecycle/InstallChaincode", Optional.of(overridden)))
                .contains("Admins");
        assertThat(org1.check("qscc/GetChainInfo", Optional.of(config), signed(network.client(1))))
                .isEmpty();
        assertThat(org1.check("qscc/GetChainInfo", Optional.of(overridden), signed(network.client(1))))
                .hasValueSatisfying(denial -> assertThat(denial)
                        .startsWith("failed evaluating policy on signed data during check policy "
                                + "[/Channel/Application/Admins]: ["));
        assertThat(org1.check("peer/Propose", Optional.of(overridden), signed(network.admin(1))))
                .isEmpty();
        assertThat(org1.check("peer/Propose", Optional.of(overridden), signed(network.admin(2))))
                .isPresent();
    }

    @Test
    void peerResourcesNeedTheLocalMspAdminOrMember() {
        assertThat(org1.check("_lifecycle/InstallChaincode", Optional.empty(), signed(network.admin(1))))
                .isEmpty();
        assertThat(org1.check("_lifecycle/InstallChaincode", Optional.empty(), signed(network.client(1))))
                .hasValueSatisfying(
                        d -> assertThat(d).contains("with policy [Admins]").contains("is not an admin"));
        assertThat(org1.check("_lifecycle/InstallChaincode", Optional.empty(), signed(network.admin(2))))
                .hasValueSatisfying(d -> assertThat(d).startsWith("failed deserializing signed data identity"));
        assertThat(org1.check("cscc/GetChannels", Optional.empty(), signed(network.client(1))))
                .isEmpty();
        assertThat(org1.check("cscc/GetChannels", Optional.empty(), signed(network.peer(1))))
                .isEmpty();
        assertThat(org1.check("qscc/GetChainInfo", Optional.empty(), signed(network.client(1))))
                .hasValueSatisfying(d -> assertThat(d).contains("names no channel"));
    }

    private static ChannelConfig withAcls(String... pairs) {
        ACLs.Builder acls = ACLs.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            acls.putAcls(
                    pairs[i],
                    APIResource.newBuilder().setPolicyRef(pairs[i + 1]).build());
        }
        Config original = config.config();
        ConfigGroup application = original.getChannelGroup().getGroupsOrThrow("Application").toBuilder()
                .putValues(
                        "ACLs",
                        ConfigValue.newBuilder()
                                .setModPolicy("Admins")
                                .setValue(acls.build().toByteString())
                                .build())
                .build();
        Config changed = original.toBuilder()
                .setChannelGroup(original.getChannelGroup().toBuilder().putGroups("Application", application))
                .build();
        return ChannelConfig.fromConfig("mychannel", changed, TestNetwork.CRYPTO);
    }
}
