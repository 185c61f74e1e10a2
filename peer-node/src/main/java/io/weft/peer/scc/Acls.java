package io.weft.peer.scc;

import io.weft.msp.ChannelConfig;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fabric's access control lists ({@code core/aclmgmt/defaultaclprovider.go}): each resource a proposal or stream can
 * reach maps either to a peer-local policy ({@code Admins} or {@code Members} of the peer's own MSP, never overridable)
 * or to a channel policy, which the channel's {@code /Channel/Application/ACLs} value may override. An override that
 * does not start with {@code /} is relative to {@code /Channel/Application/}, as on Fabric.
 *
 * <p>{@link #check} answers with the denial as Fabric words it, or empty when access is granted. Callers prefix it as
 * their Fabric counterpart does ({@code access denied for [fn][channel]: [...]}, {@code Failed to authorize invocation
 * due to failed ACL check: ...}).
 */
public final class Acls {
    /** The peer-local policy requiring an admin of the peer's MSP. */
    public static final String LOCAL_ADMINS = "Admins";

    /** The peer-local policy requiring any valid identity of the peer's MSP. */
    public static final String LOCAL_MEMBERS = "Members";

    public static final String CHANNEL_READERS = "/Channel/Application/Readers";
    public static final String CHANNEL_WRITERS = "/Channel/Application/Writers";

    private static final Map<String, String> PEER_RESOURCES = Map.ofEntries(
            Map.entry("_lifecycle/InstallChaincode", LOCAL_ADMINS),
            Map.entry("_lifecycle/QueryInstalledChaincode", LOCAL_ADMINS),
            Map.entry("_lifecycle/GetInstalledChaincodePackage", LOCAL_ADMINS),
            Map.entry("_lifecycle/QueryInstalledChaincodes", LOCAL_ADMINS),
            Map.entry("_lifecycle/ApproveChaincodeDefinitionForMyOrg", LOCAL_ADMINS),
            Map.entry("_lifecycle/QueryApprovedChaincodeDefinition", LOCAL_ADMINS),
            Map.entry("_lifecycle/QueryApprovedChaincodeDefinitions", LOCAL_ADMINS),
            Map.entry("snapshot/submitrequest", LOCAL_ADMINS),
            Map.entry("snapshot/cancelrequest", LOCAL_ADMINS),
            Map.entry("snapshot/listpending", LOCAL_ADMINS),
            Map.entry("lscc/Install", LOCAL_ADMINS),
            Map.entry("lscc/GetInstalledChaincodes", LOCAL_ADMINS),
            Map.entry("cscc/JoinChain", LOCAL_ADMINS),
            Map.entry("cscc/JoinChainBySnapshot", LOCAL_ADMINS),
            Map.entry("cscc/JoinBySnapshotStatus", LOCAL_ADMINS),
            Map.entry("cscc/GetChannels", LOCAL_MEMBERS));

    private static final Map<String, String> CHANNEL_RESOURCES = Map.ofEntries(
            Map.entry("_lifecycle/CommitChaincodeDefinition", CHANNEL_WRITERS),
            Map.entry("_lifecycle/QueryChaincodeDefinition", CHANNEL_WRITERS),
            Map.entry("_lifecycle/QueryChaincodeDefinitions", CHANNEL_WRITERS),
            Map.entry("_lifecycle/CheckCommitReadiness", CHANNEL_WRITERS),
            Map.entry("lscc/ChaincodeExists", CHANNEL_READERS),
            Map.entry("lscc/GetDeploymentSpec", CHANNEL_READERS),
            Map.entry("lscc/GetChaincodeData", CHANNEL_READERS),
            Map.entry("lscc/GetInstantiatedChaincodes", CHANNEL_READERS),
            Map.entry("lscc/GetCollectionsConfig", CHANNEL_READERS),
            Map.entry("qscc/GetChainInfo", CHANNEL_READERS),
            Map.entry("qscc/GetBlockByNumber", CHANNEL_READERS),
            Map.entry("qscc/GetBlockByHash", CHANNEL_READERS),
            Map.entry("qscc/GetTransactionByID", CHANNEL_READERS),
            Map.entry("qscc/GetBlockByTxID", CHANNEL_READERS),
            Map.entry("cscc/GetConfigBlock", CHANNEL_READERS),
            Map.entry("cscc/GetChannelConfig", CHANNEL_READERS),
            Map.entry("peer/Propose", CHANNEL_WRITERS),
            Map.entry("peer/ChaincodeToChaincode", CHANNEL_WRITERS),
            Map.entry("event/Block", CHANNEL_READERS),
            Map.entry("event/FilteredBlock", CHANNEL_READERS),
            Map.entry("gateway/CommitStatus", CHANNEL_READERS),
            Map.entry("gateway/ChaincodeEvents", CHANNEL_READERS));

    private final Msp localMsp;

    /** @param localMsp the peer's own MSP, for the peer-local {@code Admins} and {@code Members} policies */
    public Acls(Msp localMsp) {
        this.localMsp = localMsp;
    }

    /** Whether the resource is guarded by a peer-local policy (which channel config cannot override). */
    public static boolean isPeerResource(String resource) {
        return PEER_RESOURCES.containsKey(resource);
    }

    /**
     * The policy guarding a resource: {@code Admins}/{@code Members} of the local MSP for peer resources, otherwise the
     * channel's override or Fabric's default path. Empty when the resource is unknown.
     */
    public static Optional<String> policyFor(String resource, Optional<ChannelConfig> config) {
        String local = PEER_RESOURCES.get(resource);
        if (local != null) {
            return Optional.of(local);
        }
        String override = config.map(c -> c.acls().get(resource)).orElse(null);
        if (override != null && !override.isEmpty()) {
            return Optional.of(override.startsWith("/") ? override : ChannelConfig.APPLICATION + "/" + override);
        }
        return Optional.ofNullable(CHANNEL_RESOURCES.get(resource));
    }

    /** Checks a system chaincode invocation against the resource's policy; empty when access is granted. */
    public Optional<String> check(String resource, SccInvocation invocation) {
        return check(resource, invocation.channel().map(c -> c.config()), invocation.signedData());
    }

    /**
     * Checks signed data against the resource's policy; empty when access is granted.
     *
     * @param config the channel's config in force; empty for a channel-less request
     */
    public Optional<String> check(String resource, Optional<ChannelConfig> config, List<SignedData> signedData) {
        Optional<String> policy = policyFor(resource, config);
        if (policy.isEmpty()) {
            return Optional.of("Unmapped policy for " + resource);
        }
        if (isPeerResource(resource)) {
            return checkLocal(policy.get(), signedData);
        }
        if (config.isEmpty()) {
            return Optional.of("resource " + resource + " is guarded by channel policy [" + policy.get()
                    + "], but the request names no channel");
        }
        Optional<Policy> channelPolicy = config.get().policy(policy.get());
        if (channelPolicy.isEmpty()) {
            return Optional.of("failed evaluating policy on signed data during check policy [" + policy.get()
                    + "]: [policy " + policy.get() + " not found]");
        }
        PolicyResult result = channelPolicy.get().evaluate(signedData);
        if (result.satisfied()) {
            return Optional.empty();
        }
        return Optional.of("failed evaluating policy on signed data during check policy [" + policy.get() + "]: ["
                + result.explanation() + "]");
    }

    private Optional<String> checkLocal(String policy, List<SignedData> signedData) {
        String context = "during channelless check policy with policy [" + policy + "]";
        if (signedData.isEmpty()) {
            return Optional.of("no signed data " + context);
        }
        for (SignedData data : signedData) {
            Identity identity;
            try {
                identity = localMsp.deserializeIdentity(data.identity());
            } catch (MspException e) {
                return Optional.of(
                        "failed deserializing signed data identity " + context + ": [" + e.getMessage() + "]");
            }
            if (!identity.mspId().equals(localMsp.mspId())) {
                return Optional.of("failed deserializing signed data identity " + context + ": [expected MSP ID "
                        + localMsp.mspId() + ", received " + identity.mspId() + "]");
            }
            if (policy.equals(LOCAL_ADMINS) && !identity.isAdmin()) {
                return Optional.of("failed verifying that the signed data identity satisfies local MSP principal "
                        + context + ": [This identity (" + identity.describe() + ") is not an admin]");
            }
            try {
                identity.verify(data.data().toByteArray(), data.signature().toByteArray());
            } catch (MspException e) {
                return Optional.of(
                        "signature of " + identity.describe() + " does not verify " + context + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
