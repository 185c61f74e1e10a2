package io.weft.msp.internal.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.weft.msp.ConfigtxProfile;
import io.weft.msp.ConfigtxProfile.Application;
import io.weft.msp.ConfigtxProfile.Orderer;
import io.weft.msp.ConfigtxProfile.Organization;
import io.weft.msp.ConfigtxProfile.PolicySpec;
import io.weft.msp.MspException;
import io.weft.msp.MspFolder;
import io.weft.msp.PolicyDsl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * Turns a {@code configtx.yaml} profile into Fabric's config tree, as Fabric's configtxgen encoder lays it out: every
 * group, value and policy at version 0 with mod_policy {@code Admins}, except the channel-level
 * {@code OrdererAddresses}, whose mod_policy is {@code /Channel/Orderer/Admins}.
 */
public final class ConfigGroupEncoder {
    private static final String ADMINS = "Admins";
    private static final String ORDERER_ADMINS = "/Channel/Orderer/Admins";
    private static final int NO_TREE_WIDTH = 0xFFFF_FFFF;

    private ConfigGroupEncoder() {}

    /** The {@code /Channel} group of a profile. */
    public static ConfigGroup channelGroup(ConfigtxProfile profile) {
        ConfigGroup.Builder group = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        addPolicies(group, profile.policies());
        addValue(group, "HashingAlgorithm", HashingAlgorithm.newBuilder().setName("SHA256"), ADMINS);
        addValue(
                group,
                "BlockDataHashingStructure",
                BlockDataHashingStructure.newBuilder().setWidth(NO_TREE_WIDTH),
                ADMINS);
        profile.orderer()
                .filter(o -> !o.addresses().isEmpty())
                .ifPresent(o -> addValue(
                        group,
                        "OrdererAddresses",
                        OrdererAddresses.newBuilder().addAllAddresses(o.addresses()),
                        ORDERER_ADMINS));
        if (!profile.capabilities().isEmpty()) {
            addValue(group, "Capabilities", capabilities(profile.capabilities()), ADMINS);
        }
        profile.orderer().ifPresent(o -> group.putGroups("Orderer", ordererGroup(o, profile.capabilities())));
        profile.application().ifPresent(a -> group.putGroups("Application", applicationGroup(a)));
        return group.build();
    }

    /** {@code /Channel/Orderer}: policies, batch settings, consensus type and metadata, orderer org groups. */
    public static ConfigGroup ordererGroup(Orderer orderer, Set<String> channelCapabilities) {
        if (channelCapabilities.contains("V3_0") && !orderer.addresses().isEmpty()) {
            throw new MspException("Orderer.Addresses " + orderer.addresses()
                    + " cannot be used with the V3_0 channel capability; give each orderer org OrdererEndpoints");
        }
        ConfigGroup.Builder group = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        addPolicies(group, orderer.policies());
        addValue(
                group,
                "BatchSize",
                BatchSize.newBuilder()
                        .setMaxMessageCount(orderer.batchSize().maxMessageCount())
                        .setAbsoluteMaxBytes((int) orderer.batchSize().absoluteMaxBytes())
                        .setPreferredMaxBytes((int) orderer.batchSize().preferredMaxBytes()),
                ADMINS);
        addValue(
                group,
                "BatchTimeout",
                BatchTimeout.newBuilder().setTimeout(GoDuration.format(orderer.batchTimeout())),
                ADMINS);
        addValue(
                group,
                "ChannelRestrictions",
                ChannelRestrictions.newBuilder().setMaxCount(orderer.maxChannels()),
                ADMINS);
        if (!orderer.capabilities().isEmpty()) {
            addValue(group, "Capabilities", capabilities(orderer.capabilities()), ADMINS);
        }
        ByteString metadata =
                orderer.etcdRaft().map(r -> etcdRaftMetadata(r).toByteString()).orElse(ByteString.EMPTY);
        addValue(
                group,
                "ConsensusType",
                ConsensusType.newBuilder().setType(orderer.ordererType()).setMetadata(metadata),
                ADMINS);
        for (Organization org : orderer.organizations()) {
            group.putGroups(org.name(), ordererOrgGroup(org));
        }
        return group.build();
    }

    /** {@code /Channel/Orderer/<org>}: MSP, policies, and Endpoints when the org lists OrdererEndpoints. */
    public static ConfigGroup ordererOrgGroup(Organization org) {
        ConfigGroup.Builder group = orgGroup(org);
        if (!org.ordererEndpoints().isEmpty()) {
            addValue(group, "Endpoints", OrdererAddresses.newBuilder().addAllAddresses(org.ordererEndpoints()), ADMINS);
        }
        return group.build();
    }

    /** {@code /Channel/Application}: policies, ACLs, capabilities, application org groups. */
    public static ConfigGroup applicationGroup(Application application) {
        ConfigGroup.Builder group = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        addPolicies(group, application.policies());
        if (!application.acls().isEmpty()) {
            ACLs.Builder acls = ACLs.newBuilder();
            application
                    .acls()
                    .forEach((resource, ref) -> acls.putAcls(
                            resource, APIResource.newBuilder().setPolicyRef(ref).build()));
            addValue(group, "ACLs", acls, ADMINS);
        }
        if (!application.capabilities().isEmpty()) {
            addValue(group, "Capabilities", capabilities(application.capabilities()), ADMINS);
        }
        for (Organization org : application.organizations()) {
            group.putGroups(org.name(), applicationOrgGroup(org));
        }
        return group.build();
    }

    /** {@code /Channel/Application/<org>}: MSP, policies, and AnchorPeers when the org lists any. */
    public static ConfigGroup applicationOrgGroup(Organization org) {
        ConfigGroup.Builder group = orgGroup(org);
        if (!org.anchorPeers().isEmpty()) {
            AnchorPeers.Builder peers = AnchorPeers.newBuilder();
            org.anchorPeers()
                    .forEach(p -> peers.addAnchorPeers(
                            AnchorPeer.newBuilder().setHost(p.host()).setPort(p.port())));
            addValue(group, "AnchorPeers", peers, ADMINS);
        }
        return group.build();
    }

    private static ConfigGroup.Builder orgGroup(Organization org) {
        ConfigGroup.Builder group = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        addPolicies(group, org.policies());
        ByteString config;
        try {
            config = MspFolder.readConfig(org.mspDir(), org.mspId()).toByteString();
        } catch (MspException e) {
            throw new MspException(
                    "organization " + org.name() + " (MSPDir " + org.mspDir() + "): " + e.getMessage(), e);
        }
        addValue(group, "MSP", MSPConfig.newBuilder().setType(0).setConfig(config), ADMINS);
        return group;
    }

    private static ConfigMetadata etcdRaftMetadata(ConfigtxProfile.EtcdRaft raft) {
        ConfigMetadata.Builder metadata = ConfigMetadata.newBuilder();
        for (ConfigtxProfile.Consenter consenter : raft.consenters()) {
            metadata.addConsenters(Consenter.newBuilder()
                    .setHost(consenter.host())
                    .setPort(consenter.port())
                    .setClientTlsCert(readCert(consenter, "client", consenter.clientTlsCert()))
                    .setServerTlsCert(readCert(consenter, "server", consenter.serverTlsCert())));
        }
        ConfigtxProfile.RaftOptions options = raft.options();
        metadata.setOptions(Options.newBuilder()
                .setTickInterval(options.tickInterval())
                .setElectionTick(options.electionTick())
                .setHeartbeatTick(options.heartbeatTick())
                .setMaxInflightBlocks(options.maxInflightBlocks())
                .setSnapshotIntervalSize((int) options.snapshotIntervalSizeBytes()));
        return metadata.build();
    }

    private static ByteString readCert(ConfigtxProfile.Consenter consenter, String kind, Path file) {
        try {
            return ByteString.copyFrom(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new MspException(
                    "cannot load " + kind + " TLS cert for consenter " + consenter.host() + ":" + consenter.port()
                            + ": " + file + " does not exist",
                    e);
        } catch (IOException e) {
            throw new MspException(
                    "cannot load " + kind + " TLS cert for consenter " + consenter.host() + ":" + consenter.port()
                            + " from " + file + ": " + e,
                    e);
        }
    }

    private static void addPolicies(ConfigGroup.Builder group, Map<String, PolicySpec> policies) {
        policies.forEach((name, spec) -> {
            Policy policy =
                    switch (spec.type()) {
                        case SIGNATURE ->
                            Policy.newBuilder()
                                    .setType(Policy.PolicyType.SIGNATURE_VALUE)
                                    .setValue(PolicyDsl.parse(spec.rule()).toByteString())
                                    .build();
                        case IMPLICIT_META ->
                            Policy.newBuilder()
                                    .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                                    .setValue(
                                            ImplicitMetaRule.parse(spec.rule()).toByteString())
                                    .build();
                    };
            group.putPolicies(
                    name,
                    ConfigPolicy.newBuilder()
                            .setPolicy(policy)
                            .setModPolicy(ADMINS)
                            .build());
        });
    }

    private static Capabilities.Builder capabilities(Set<String> names) {
        Capabilities.Builder capabilities = Capabilities.newBuilder();
        names.forEach(name -> capabilities.putCapabilities(name, Capability.getDefaultInstance()));
        return capabilities;
    }

    private static void addValue(ConfigGroup.Builder group, String key, Message.Builder value, String modPolicy) {
        group.putValues(
                key,
                ConfigValue.newBuilder()
                        .setValue(value.build().toByteString())
                        .setModPolicy(modPolicy)
                        .build());
    }
}
