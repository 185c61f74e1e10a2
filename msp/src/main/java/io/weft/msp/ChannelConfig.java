package io.weft.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.internal.configtx.ConfigValues;
import io.weft.msp.internal.configtx.GoDuration;
import io.weft.msp.internal.configtx.OrgMsps;
import io.weft.msp.internal.configtx.PolicyTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * One version of a channel's configuration, read from a config block: the MSPs of every org, every policy addressable
 * by its Fabric path, the orderer settings, capabilities, ACLs and anchor peers. Immutable and thread-safe; the orderer
 * and the committer replace the whole object when a config block commits.
 *
 * <p>Policy paths are Fabric's: {@code /Channel/Readers}, {@code /Channel/Application/Writers},
 * {@code /Channel/Application/Org1MSP/Endorsement}, {@code /Channel/Orderer/BlockValidation}; a name without a
 * leading slash is relative to {@code /Channel} ({@code Application/Writers}).
 */
public final class ChannelConfig {
    /** The path of the root group. */
    public static final String ROOT = "/Channel";

    public static final String ORDERER = ROOT + "/Orderer";
    public static final String APPLICATION = ROOT + "/Application";
    private static final long NO_TREE_WIDTH = 0xFFFF_FFFFL;

    /** The orderer's {@code BatchSize}: a block is cut at this many envelopes or bytes. */
    public record BatchSize(int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes) {}

    /** A host and port: an anchor peer. */
    public record HostPort(String host, int port) {}

    private final String channelId;
    private final Config config;
    private final MspManager msps;
    private final Map<String, Policy> policies;
    private final Map<String, String> ordererOrgs;
    private final Map<String, String> applicationOrgs;
    private final Map<String, List<String>> ordererOrgEndpoints;
    private final List<String> ordererAddresses;
    private final BatchSize batchSize;
    private final Duration batchTimeout;
    private final ConsensusType consensusType;
    private final Set<String> channelCapabilities;
    private final Set<String> ordererCapabilities;
    private final Set<String> applicationCapabilities;
    private final Map<String, String> acls;
    private final Map<String, List<HostPort>> anchorPeers;

    private ChannelConfig(String channelId, Config config, CryptoProvider crypto) {
        this.channelId = channelId;
        this.config = config;
        ConfigGroup root = config.getChannelGroup();
        checkHashing(root);
        ConfigGroup orderer = ConfigValues.group(root, "Orderer")
                .orElseThrow(() -> new MspException("channel config has no group " + ORDERER));
        Optional<ConfigGroup> application = ConfigValues.group(root, "Application");
        OrgMsps orgMsps = new OrgMsps(crypto);
        this.ordererOrgs = Map.copyOf(orgMsps.addOrgs(ORDERER, orderer));
        this.applicationOrgs =
                Map.copyOf(application.map(a -> orgMsps.addOrgs(APPLICATION, a)).orElse(Map.of()));
        this.msps = new MspManager(orgMsps.msps());
        this.policies = PolicyTree.compile(ROOT, root, msps);
        this.ordererOrgEndpoints = endpoints(orderer);
        this.ordererAddresses =
                List.copyOf(ConfigValues.optional(root, ROOT, "OrdererAddresses", OrdererAddresses.parser())
                        .<List<String>>map(OrdererAddresses::getAddressesList)
                        .orElse(List.of()));
        this.batchSize = batchSize(orderer);
        this.batchTimeout = batchTimeout(orderer);
        this.consensusType = ConfigValues.required(orderer, ORDERER, "ConsensusType", ConsensusType.parser());
        this.channelCapabilities = ConfigValues.capabilities(root, ROOT);
        this.ordererCapabilities = ConfigValues.capabilities(orderer, ORDERER);
        this.applicationCapabilities =
                application.map(a -> ConfigValues.capabilities(a, APPLICATION)).orElse(Set.of());
        this.acls = application.map(ChannelConfig::acls).orElse(Map.of());
        this.anchorPeers = application.map(ChannelConfig::anchorPeers).orElse(Map.of());
    }

    /**
     * Reads the configuration carried by a config block (a genesis block or a later config block).
     *
     * @throws MspException naming what in the block or which config path is wrong
     */
    public static ChannelConfig fromBlock(Block block, CryptoProvider crypto) {
        if (block.getData().getDataCount() != 1) {
            throw new MspException("block " + block.getHeader().getNumber() + " is not a config block: it holds "
                    + block.getData().getDataCount() + " envelopes, a config block holds exactly 1");
        }
        try {
            Envelope envelope = Envelope.parseFrom(block.getData().getData(0));
            return fromEnvelope(envelope, crypto);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException(
                    "block " + block.getHeader().getNumber() + " does not hold an Envelope: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the configuration carried by a {@code CONFIG} envelope.
     *
     * @throws MspException when the envelope is not a CONFIG transaction or the config is wrong
     */
    public static ChannelConfig fromEnvelope(Envelope envelope, CryptoProvider crypto) {
        Payload payload;
        ChannelHeader header;
        ConfigEnvelope configEnvelope;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
            header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.CONFIG_VALUE) {
                throw new MspException("envelope is not a CONFIG transaction: its channel header type is "
                        + header.getType() + ", expected " + HeaderType.CONFIG_VALUE);
            }
            configEnvelope = ConfigEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("config envelope does not decode: " + e.getMessage(), e);
        }
        return fromConfig(header.getChannelId(), configEnvelope.getConfig(), crypto);
    }

    /**
     * Reads a {@code Config} of the named channel.
     *
     * @throws MspException naming the config path that is missing or wrong
     */
    public static ChannelConfig fromConfig(String channelId, Config config, CryptoProvider crypto) {
        if (!config.hasChannelGroup()) {
            throw new MspException("channel config of " + channelId + " has no channel group");
        }
        try {
            return new ChannelConfig(channelId, config, crypto);
        } catch (MspException e) {
            throw new MspException("channel " + channelId + ": " + e.getMessage(), e);
        }
    }

    public String channelId() {
        return channelId;
    }

    /** The config sequence: 0 in the genesis block, one more with every config update. */
    public long sequence() {
        return config.getSequence();
    }

    /** The config exactly as decoded from the block. */
    public Config config() {
        return config;
    }

    /** The MSPs of every orderer and application org of the channel. */
    public MspManager msps() {
        return msps;
    }

    /**
     * A policy by its absolute path ({@code /Channel/Application/Writers}) or its path relative to {@code /Channel}
     * ({@code Application/Writers}).
     */
    public Optional<Policy> policy(String path) {
        String absolute = path.startsWith("/") ? path : ROOT + "/" + path;
        return Optional.ofNullable(policies.get(absolute));
    }

    /**
     * Like {@link #policy} but the policy must exist.
     *
     * @throws MspException naming the path that the channel does not define
     */
    public Policy requirePolicy(String path) {
        return policy(path)
                .orElseThrow(() -> new MspException("channel " + channelId + " has no policy " + path
                        + (path.startsWith("/") ? "" : " (" + ROOT + "/" + path + ")")));
    }

    /** Every policy keyed by its absolute path. */
    public Map<String, Policy> policies() {
        return policies;
    }

    /** The orderer org groups: group name to MSP ID. */
    public Map<String, String> ordererOrgs() {
        return ordererOrgs;
    }

    /** The application org groups: group name to MSP ID. */
    public Map<String, String> applicationOrgs() {
        return applicationOrgs;
    }

    /** Each orderer org's {@code Endpoints} ({@code host:port}); orgs without the value are absent. */
    public Map<String, List<String>> ordererOrgEndpoints() {
        return ordererOrgEndpoints;
    }

    /** The legacy channel-level {@code OrdererAddresses}; empty when the config does not carry them. */
    public List<String> ordererAddresses() {
        return ordererAddresses;
    }

    /**
     * Where to reach the ordering service, as Fabric's deliver client chooses: the per-org endpoints when any org
     * defines them, otherwise the legacy channel-level addresses.
     */
    public List<String> ordererEndpoints() {
        if (ordererOrgEndpoints.isEmpty()) {
            return ordererAddresses;
        }
        List<String> all = new ArrayList<>();
        ordererOrgEndpoints.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    public BatchSize batchSize() {
        return batchSize;
    }

    public Duration batchTimeout() {
        return batchTimeout;
    }

    public ConsensusType consensusType() {
        return consensusType;
    }

    /**
     * The etcdraft consenters and options, when the consensus type is {@code etcdraft}.
     *
     * @throws MspException when the metadata does not decode
     */
    public Optional<ConfigMetadata> etcdRaftMetadata() {
        if (!consensusType.getType().equals("etcdraft")) {
            return Optional.empty();
        }
        return Optional.of(
                ConfigValues.decode(consensusType.getMetadata(), ORDERER + "/ConsensusType", ConfigMetadata.parser()));
    }

    public Set<String> channelCapabilities() {
        return channelCapabilities;
    }

    public Set<String> ordererCapabilities() {
        return ordererCapabilities;
    }

    public Set<String> applicationCapabilities() {
        return applicationCapabilities;
    }

    /** The application's ACLs: resource ({@code peer/Propose}) to policy reference. Empty when not configured. */
    public Map<String, String> acls() {
        return acls;
    }

    /** Each application org's anchor peers; orgs without the value are absent. */
    public Map<String, List<HostPort>> anchorPeers() {
        return anchorPeers;
    }

    private static void checkHashing(ConfigGroup root) {
        String algorithm = ConfigValues.required(root, ROOT, "HashingAlgorithm", HashingAlgorithm.parser())
                .getName();
        if (!algorithm.equals("SHA256")) {
            throw new MspException(
                    "channel config value " + ROOT + "/HashingAlgorithm is '" + algorithm + "'; expected SHA256");
        }
        long width = Integer.toUnsignedLong(
                ConfigValues.required(root, ROOT, "BlockDataHashingStructure", BlockDataHashingStructure.parser())
                        .getWidth());
        if (width != NO_TREE_WIDTH) {
            throw new MspException("channel config value " + ROOT + "/BlockDataHashingStructure has width " + width
                    + "; expected " + NO_TREE_WIDTH);
        }
    }

    private static Map<String, List<String>> endpoints(ConfigGroup orderer) {
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigGroup> org : new TreeMap<>(orderer.getGroupsMap()).entrySet()) {
            ConfigValues.optional(org.getValue(), ORDERER + "/" + org.getKey(), "Endpoints", OrdererAddresses.parser())
                    .ifPresent(a -> endpoints.put(org.getKey(), List.copyOf(a.getAddressesList())));
        }
        return java.util.Collections.unmodifiableMap(endpoints);
    }

    private static BatchSize batchSize(ConfigGroup orderer) {
        org.hyperledger.fabric.protos.orderer.BatchSize value = ConfigValues.required(
                orderer, ORDERER, "BatchSize", org.hyperledger.fabric.protos.orderer.BatchSize.parser());
        BatchSize size = new BatchSize(
                value.getMaxMessageCount(),
                Integer.toUnsignedLong(value.getAbsoluteMaxBytes()),
                Integer.toUnsignedLong(value.getPreferredMaxBytes()));
        String path = "channel config value " + ORDERER + "/BatchSize";
        if (size.maxMessageCount() <= 0) {
            throw new MspException(
                    path + " has max_message_count " + Integer.toUnsignedString(value.getMaxMessageCount())
                            + "; expected a positive number up to " + Integer.MAX_VALUE);
        }
        if (size.absoluteMaxBytes() == 0) {
            throw new MspException(path + " has absolute_max_bytes 0; expected a positive number");
        }
        if (size.preferredMaxBytes() > size.absoluteMaxBytes()) {
            throw new MspException(path + " has preferred_max_bytes " + size.preferredMaxBytes()
                    + " greater than absolute_max_bytes " + size.absoluteMaxBytes());
        }
        return size;
    }

    private static Duration batchTimeout(ConfigGroup orderer) {
        String text = ConfigValues.required(orderer, ORDERER, "BatchTimeout", BatchTimeout.parser())
                .getTimeout();
        Duration timeout;
        try {
            timeout = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MspException("channel config value " + ORDERER + "/BatchTimeout: " + e.getMessage(), e);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new MspException(
                    "channel config value " + ORDERER + "/BatchTimeout is " + text + "; expected a positive duration");
        }
        return timeout;
    }

    private static Map<String, String> acls(ConfigGroup application) {
        return ConfigValues.optional(application, APPLICATION, "ACLs", ACLs.parser())
                .map(a -> {
                    Map<String, String> refs = new TreeMap<>();
                    a.getAclsMap().forEach((resource, api) -> refs.put(resource, api.getPolicyRef()));
                    return Map.copyOf(refs);
                })
                .orElse(Map.of());
    }

    private static Map<String, List<HostPort>> anchorPeers(ConfigGroup application) {
        Map<String, List<HostPort>> all = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigGroup> org : new TreeMap<>(application.getGroupsMap()).entrySet()) {
            ConfigValues.optional(org.getValue(), APPLICATION + "/" + org.getKey(), "AnchorPeers", AnchorPeers.parser())
                    .ifPresent(peers -> {
                        List<HostPort> list = new ArrayList<>();
                        for (AnchorPeer peer : peers.getAnchorPeersList()) {
                            list.add(new HostPort(peer.getHost(), peer.getPort()));
                        }
                        all.put(org.getKey(), List.copyOf(list));
                    });
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
