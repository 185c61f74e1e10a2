package io.weft.msp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One profile of a {@code configtx.yaml}, validated and with Fabric's defaults filled in: the channel's policies and
 * capabilities, its orderer section and its application section. Paths (MSP folders, consenter TLS certificates) are
 * resolved against the folder of the {@code configtx.yaml}. Policy maps keep the order of the file.
 */
public record ConfigtxProfile(
        String name,
        Map<String, PolicySpec> policies,
        Set<String> capabilities,
        Optional<Orderer> orderer,
        Optional<Application> application) {

    /** {@code Signature} (a rule in Fabric's policy language) or {@code ImplicitMeta} ({@code MAJORITY Admins}). */
    public record PolicySpec(Type type, String rule) {
        public enum Type {
            SIGNATURE,
            IMPLICIT_META
        }
    }

    /** An organization: its MSP folder, its policies, and its orderer endpoints or anchor peers. */
    public record Organization(
            String name,
            String mspId,
            Path mspDir,
            Map<String, PolicySpec> policies,
            List<String> ordererEndpoints,
            List<ChannelConfig.HostPort> anchorPeers) {}

    /** The {@code Application} section: peer orgs, policies, capabilities and the ACL table. */
    public record Application(
            List<Organization> organizations,
            Map<String, PolicySpec> policies,
            Set<String> capabilities,
            Map<String, String> acls) {}

    /** The {@code Orderer} section. The Raft section is present when {@code OrdererType} is etcdraft. */
    public record Orderer(
            String ordererType,
            List<String> addresses,
            Duration batchTimeout,
            ChannelConfig.BatchSize batchSize,
            Optional<EtcdRaft> etcdRaft,
            List<Organization> organizations,
            long maxChannels,
            Map<String, PolicySpec> policies,
            Set<String> capabilities) {}

    /** {@code Orderer.EtcdRaft}: the consenter set and the Raft options. */
    public record EtcdRaft(List<Consenter> consenters, RaftOptions options) {}

    /** A Raft consenter; the certificates are PEM files read when the block is generated. */
    public record Consenter(String host, int port, Path clientTlsCert, Path serverTlsCert) {}

    /** {@code Orderer.EtcdRaft.Options}, Fabric's defaults where unset. */
    public record RaftOptions(
            String tickInterval,
            int electionTick,
            int heartbeatTick,
            int maxInflightBlocks,
            long snapshotIntervalSizeBytes) {}
}
