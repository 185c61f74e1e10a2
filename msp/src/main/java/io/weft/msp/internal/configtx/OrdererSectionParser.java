package io.weft.msp.internal.configtx;

import io.weft.msp.ChannelConfig;
import io.weft.msp.ConfigtxProfile.Consenter;
import io.weft.msp.ConfigtxProfile.EtcdRaft;
import io.weft.msp.ConfigtxProfile.Orderer;
import io.weft.msp.ConfigtxProfile.RaftOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Orderer} section of a profile, with the defaults Fabric's configtxgen fills in: type {@code solo},
 * BatchTimeout 2s, BatchSize 500 messages / 10 MB / 2 MB, Raft options 500ms ticks, election 10, heartbeat 1, 5
 * in-flight blocks, 16 MB snapshots.
 */
final class OrdererSectionParser {
    private static final Set<String> ORDERER_KEYS = Set.of(
            "OrdererType",
            "Addresses",
            "BatchTimeout",
            "BatchSize",
            "ConsenterMapping",
            "EtcdRaft",
            "SmartBFT",
            "Organizations",
            "MaxChannels",
            "Capabilities",
            "Policies");
    private static final Set<String> BATCH_SIZE_KEYS =
            Set.of("MaxMessageCount", "AbsoluteMaxBytes", "PreferredMaxBytes");
    private static final Set<String> ETCDRAFT_KEYS = Set.of("Consenters", "Options");
    private static final Set<String> CONSENTER_KEYS = Set.of("Host", "Port", "ClientTLSCert", "ServerTLSCert");
    private static final Set<String> OPTIONS_KEYS =
            Set.of("TickInterval", "ElectionTick", "HeartbeatTick", "MaxInflightBlocks", "SnapshotIntervalSize");
    private static final Set<String> ORDERER_POLICIES = Set.of("Readers", "Writers", "Admins", "BlockValidation");

    private static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofSeconds(2);
    private static final long DEFAULT_MAX_MESSAGE_COUNT = 500;
    private static final long DEFAULT_ABSOLUTE_MAX_BYTES = 10L * 1024 * 1024;
    private static final long DEFAULT_PREFERRED_MAX_BYTES = 2L * 1024 * 1024;

    private final YamlReader yaml;
    private final ConfigtxParser parser;

    OrdererSectionParser(YamlReader yaml, ConfigtxParser parser) {
        this.yaml = yaml;
        this.parser = parser;
    }

    Orderer orderer(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, ORDERER_KEYS, path);
        String type = yaml.string(map, "OrdererType", path);
        if (type.isEmpty()) {
            type = "solo";
        }
        Optional<EtcdRaft> etcdRaft =
                switch (type) {
                    case "solo" -> Optional.empty();
                    case "etcdraft" -> Optional.of(etcdRaft(map.get("EtcdRaft"), path + ".EtcdRaft"));
                    case "BFT" ->
                        throw yaml.error(path + ".OrdererType BFT is not supported by Weft yet; use etcdraft");
                    default -> throw yaml.error(path + ".OrdererType is '" + type + "'; expected etcdraft (or solo)");
                };
        Duration timeout = yaml.duration(map.get("BatchTimeout"), path + ".BatchTimeout");
        if (timeout == null || timeout.isZero()) {
            timeout = DEFAULT_BATCH_TIMEOUT;
        }
        if (timeout.isNegative()) {
            throw yaml.error(path + ".BatchTimeout is negative");
        }
        return new Orderer(
                type,
                List.copyOf(yaml.strings(map.get("Addresses"), path + ".Addresses")),
                timeout,
                batchSize(map.get("BatchSize"), path + ".BatchSize"),
                etcdRaft,
                parser.organizations(map.get("Organizations"), path + ".Organizations"),
                yaml.number(map.get("MaxChannels"), path + ".MaxChannels", Long.MAX_VALUE),
                parser.policies(map.get("Policies"), path + ".Policies", ORDERER_POLICIES),
                parser.capabilities(map.get("Capabilities"), path + ".Capabilities"));
    }

    private ChannelConfig.BatchSize batchSize(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, BATCH_SIZE_KEYS, path);
        long count = yaml.number(map.get("MaxMessageCount"), path + ".MaxMessageCount", Integer.MAX_VALUE);
        long absolute = yaml.byteSize(map.get("AbsoluteMaxBytes"), path + ".AbsoluteMaxBytes");
        long preferred = yaml.byteSize(map.get("PreferredMaxBytes"), path + ".PreferredMaxBytes");
        count = count == 0 ? DEFAULT_MAX_MESSAGE_COUNT : count;
        absolute = absolute == 0 ? DEFAULT_ABSOLUTE_MAX_BYTES : absolute;
        preferred = preferred == 0 ? DEFAULT_PREFERRED_MAX_BYTES : preferred;
        if (preferred > absolute) {
            throw yaml.error(path + ".PreferredMaxBytes (" + preferred + " bytes) is greater than AbsoluteMaxBytes ("
                    + absolute + " bytes)");
        }
        return new ChannelConfig.BatchSize((int) count, absolute, preferred);
    }

    private EtcdRaft etcdRaft(Object value, String path) {
        if (value == null) {
            throw yaml.error(path + " is missing; OrdererType etcdraft needs its Consenters");
        }
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, ETCDRAFT_KEYS, path);
        List<Consenter> consenters = new ArrayList<>();
        List<?> list = yaml.sequence(map.get("Consenters"), path + ".Consenters");
        if (list.isEmpty()) {
            throw yaml.error(path + ".Consenters is empty; etcdraft needs at least one consenter");
        }
        for (int i = 0; i < list.size(); i++) {
            String consenterPath = path + ".Consenters[" + i + "]";
            Map<String, Object> consenter = yaml.mapping(list.get(i), consenterPath);
            yaml.checkKeys(consenter, CONSENTER_KEYS, consenterPath);
            consenters.add(new Consenter(
                    yaml.requiredString(consenter, "Host", consenterPath),
                    parser.port(consenter.get("Port"), consenterPath + ".Port"),
                    parser.resolve(yaml.requiredString(consenter, "ClientTLSCert", consenterPath)),
                    parser.resolve(yaml.requiredString(consenter, "ServerTLSCert", consenterPath))));
        }
        return new EtcdRaft(List.copyOf(consenters), options(map.get("Options"), path + ".Options"));
    }

    private RaftOptions options(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, OPTIONS_KEYS, path);
        String tick = yaml.string(map, "TickInterval", path);
        tick = tick.isEmpty() ? "500ms" : tick;
        Duration tickInterval = yaml.duration(tick, path + ".TickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw yaml.error(path + ".TickInterval must be a positive duration, found " + tick);
        }
        long election = orDefault(yaml.number(map.get("ElectionTick"), path + ".ElectionTick", Integer.MAX_VALUE), 10);
        long heartbeat =
                orDefault(yaml.number(map.get("HeartbeatTick"), path + ".HeartbeatTick", Integer.MAX_VALUE), 1);
        long inflight =
                orDefault(yaml.number(map.get("MaxInflightBlocks"), path + ".MaxInflightBlocks", Integer.MAX_VALUE), 5);
        long snapshot = orDefault(
                yaml.byteSize(map.get("SnapshotIntervalSize"), path + ".SnapshotIntervalSize"), 16L * 1024 * 1024);
        if (election <= heartbeat) {
            throw yaml.error(
                    path + ".ElectionTick (" + election + ") must be greater than HeartbeatTick (" + heartbeat + ")");
        }
        return new RaftOptions(tick, (int) election, (int) heartbeat, (int) inflight, snapshot);
    }

    private static long orDefault(long value, long fallback) {
        return value == 0 ? fallback : value;
    }
}
