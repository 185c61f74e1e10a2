package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.weft.ledger.QueryExecutor;
import io.weft.msp.Msp;
import io.weft.peer.chaincode.ChaincodeBuilder;
import io.weft.peer.chaincode.ChaincodeException;
import io.weft.peer.chaincode.ChaincodePackage;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.InstalledChaincode;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code _lifecycle}, the chaincode lifecycle system chaincode ({@code core/chaincode/lifecycle/scc.go}).
 * {@code args = [FunctionName, serialized <FunctionName>Args]}, exactly two; the payload of a success is the serialized
 * {@code <FunctionName>Result}. Each function is guarded by the {@code _lifecycle/<FunctionName>} ACL (peer-local
 * Admins for install, query-installed and approve; the channel's Writers for commit, readiness and queries of
 * committed definitions). Channel functions need the channel's application capability V2_0 or later.
 *
 * <p>This class runs the peer-local functions (install, query installed, get package); {@link LifecycleChannelFunctions}
 * runs approve, commit and the definition queries. Approvals are stored in public state under Weft's own keys (see
 * {@link LifecycleKeys}) because Weft has no private data: Fabric keeps them in each org's implicit private
 * collection and compares hashes.
 */
public final class LifecycleChaincode implements SystemChaincode {
    public static final String NAME = LifecycleKeys.NAMESPACE;

    static final String INSTALL = "InstallChaincode";
    static final String QUERY_INSTALLED = "QueryInstalledChaincode";
    static final String QUERY_INSTALLED_ALL = "QueryInstalledChaincodes";
    static final String GET_PACKAGE = "GetInstalledChaincodePackage";

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleChaincode.class);
    private static final Set<String> LIFECYCLE_CAPABILITIES = Set.of("V2_0", "V2_5", "V3_0");

    private final Msp localMsp;
    private final Acls acls;
    private final ChaincodePackageStore packages;
    private final ChaincodeBuilder builder;
    private final ChannelManager channels;
    private final LifecycleChannelFunctions channelFunctions;

    /**
     * @param localMsp this peer's org: whose approvals this peer writes and whose admins may install
     * @param packages the installed chaincode packages
     * @param builder builds a package at install (the chaincode runtime), so its first launch only starts it
     * @param channels the joined channels, for the references of installed packages
     */
    public LifecycleChaincode(
            Msp localMsp,
            Acls acls,
            ChaincodePackageStore packages,
            ChaincodeBuilder builder,
            ChannelManager channels) {
        this.localMsp = localMsp;
        this.acls = acls;
        this.packages = packages;
        this.builder = builder;
        this.channels = channels;
        this.channelFunctions = new LifecycleChannelFunctions(localMsp.mspId());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.isEmpty()) {
            return SccResponses.error("lifecycle scc must be invoked with arguments");
        }
        if (args.size() != 2) {
            return SccResponses.error(
                    "lifecycle scc operations require exactly two arguments but received " + args.size());
        }
        String channelId = invocation.channelId();
        if (!channelId.isEmpty()) {
            if (invocation.channel().isEmpty()) {
                return SccResponses.error("could not get channelconfig for channel '" + channelId + "'");
            }
            Set<String> capabilities = invocation.channel().get().config().applicationCapabilities();
            if (capabilities.stream().noneMatch(LIFECYCLE_CAPABILITIES::contains)) {
                return SccResponses.error("cannot use new lifecycle for channel '" + channelId
                        + "' as it does not have the required capabilities enabled");
            }
        }
        String function = invocation.function();
        Optional<String> denied = acls.check(NAME + "/" + function, invocation);
        if (denied.isPresent()) {
            return SccResponses.error("Failed to authorize invocation due to failed ACL check: " + denied.get());
        }
        try {
            return SccResponses.ok(dispatch(function, args.get(1), invocation));
        } catch (InvalidProtocolBufferException e) {
            return SccResponses.error("failed to invoke backing implementation of '" + function
                    + "': could not decode input arg for *lifecycle.Invocation." + function + ": " + e.getMessage());
        } catch (LifecycleException e) {
            if (e.status() == SccResponses.NOT_FOUND) {
                return SccResponses.notFound(e.getMessage());
            }
            return SccResponses.error(
                    "failed to invoke backing implementation of '" + function + "': " + e.getMessage());
        }
    }

    private MessageLite dispatch(String function, ByteString input, SccInvocation invocation)
            throws InvalidProtocolBufferException {
        return switch (function) {
            case INSTALL -> install(InstallChaincodeArgs.parseFrom(input));
            case QUERY_INSTALLED -> queryInstalled(QueryInstalledChaincodeArgs.parseFrom(input));
            case QUERY_INSTALLED_ALL -> {
                var unused = QueryInstalledChaincodesArgs.parseFrom(input);
                yield queryInstalledAll();
            }
            case GET_PACKAGE -> getPackage(GetInstalledChaincodePackageArgs.parseFrom(input));
            default -> channelFunctions.invoke(function, input, invocation);
        };
    }

    /**
     * Fabric's InstallChaincode: parse, build (the Docker image, a Maven project included, bounded by {@code
     * chaincode.installTimeout}), then store. Fabric stores first and deletes the package when the build fails; Weft
     * stores only what built, with the same outcome: a package that does not build is not installed.
     */
    private InstallChaincodeResult install(InstallChaincodeArgs args) {
        byte[] bytes = args.getChaincodeInstallPackage().toByteArray();
        ChaincodePackage pkg;
        try {
            pkg = packages.parse(bytes);
        } catch (ChaincodeException e) {
            throw new LifecycleException("could not parse as a chaincode install package: " + e.getMessage());
        }
        String packageId = pkg.packageId();
        if (packages.isInstalled(packageId)) {
            throw new LifecycleException("chaincode already successfully installed (package ID '" + packageId + "')");
        }
        try {
            builder.build(pkg);
        } catch (ChaincodeException e) {
            LOG.warn("chaincode package {} is not installed: it does not build: {}", packageId, e.getMessage());
            throw new LifecycleException("could not build chaincode: " + e.getMessage());
        }
        InstalledChaincode parsed;
        try {
            parsed = packages.install(bytes);
        } catch (ChaincodeException e) {
            throw new LifecycleException("could not save cc install package: " + e.getMessage());
        }
        LOG.info("Successfully installed chaincode with package ID '{}'", parsed.packageId());
        return InstallChaincodeResult.newBuilder()
                .setPackageId(parsed.packageId())
                .setLabel(parsed.label())
                .build();
    }

    private QueryInstalledChaincodeResult queryInstalled(QueryInstalledChaincodeArgs args) {
        String packageId = args.getPackageId();
        InstalledChaincode installed = packages.list().stream()
                .filter(c -> c.packageId().equals(packageId))
                .findFirst()
                .orElseThrow(
                        () -> new LifecycleException("could not find chaincode with package id '" + packageId + "'"));
        QueryInstalledChaincodeResult.Builder result = QueryInstalledChaincodeResult.newBuilder()
                .setPackageId(installed.packageId())
                .setLabel(installed.label());
        references().getOrDefault(packageId, Map.of()).forEach((channel, chaincodes) -> {
            QueryInstalledChaincodeResult.References.Builder refs =
                    QueryInstalledChaincodeResult.References.newBuilder();
            chaincodes.forEach(c -> refs.addChaincodes(QueryInstalledChaincodeResult.Chaincode.newBuilder()
                    .setName(c.name())
                    .setVersion(c.version())));
            result.putReferences(channel, refs.build());
        });
        return result.build();
    }

    private QueryInstalledChaincodesResult queryInstalledAll() {
        Map<String, Map<String, List<Reference>>> references = references();
        QueryInstalledChaincodesResult.Builder result = QueryInstalledChaincodesResult.newBuilder();
        for (InstalledChaincode installed : packages.list()) {
            QueryInstalledChaincodesResult.InstalledChaincode.Builder entry =
                    QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                            .setPackageId(installed.packageId())
                            .setLabel(installed.label());
            references.getOrDefault(installed.packageId(), Map.of()).forEach((channel, chaincodes) -> {
                QueryInstalledChaincodesResult.References.Builder refs =
                        QueryInstalledChaincodesResult.References.newBuilder();
                chaincodes.forEach(c -> refs.addChaincodes(QueryInstalledChaincodesResult.Chaincode.newBuilder()
                        .setName(c.name())
                        .setVersion(c.version())));
                entry.putReferences(channel, refs.build());
            });
            result.addInstalledChaincodes(entry);
        }
        return result.build();
    }

    private GetInstalledChaincodePackageResult getPackage(GetInstalledChaincodePackageArgs args) {
        try {
            return GetInstalledChaincodePackageResult.newBuilder()
                    .setChaincodeInstallPackage(ByteString.copyFrom(packages.packageBytes(args.getPackageId())))
                    .build();
        } catch (ChaincodeException e) {
            throw new LifecycleException("could not load cc install package: " + e.getMessage());
        }
    }

    private record Reference(String name, String version) {}

    /**
     * Package id to channel to the chaincodes that use it: committed definitions whose current sequence this org
     * approved with that package (Fabric's cache references).
     */
    private Map<String, Map<String, List<Reference>>> references() {
        Map<String, Map<String, List<Reference>>> out = new TreeMap<>();
        LifecycleDefinitions definitions = new LifecycleDefinitions(localMsp.mspId());
        for (String channelId : channels.channels()) {
            Optional<Channel> channel = channels.channel(channelId);
            if (channel.isEmpty()) {
                continue;
            }
            try (QueryExecutor state = channel.get().ledger().newQueryExecutor()) {
                for (Map.Entry<String, String> ns :
                        LifecycleState.definedNamespaces(state).entrySet()) {
                    if (!ns.getValue().equals(LifecycleState.DEFINITION_TYPE)) {
                        continue;
                    }
                    definitions.definition(state, ns.getKey()).ifPresent(d -> d.packageId()
                            .ifPresent(id -> out.computeIfAbsent(id, k -> new TreeMap<>())
                                    .computeIfAbsent(channelId, k -> new ArrayList<>())
                                    .add(new Reference(d.name(), d.version()))));
                }
            } catch (LifecycleException e) {
                LOG.warn(
                        "[{}] cannot read chaincode definitions for installed references: {}",
                        channelId,
                        e.getMessage());
            }
        }
        return out;
    }
}
