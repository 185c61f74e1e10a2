package io.weft.peer.node;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.weft.msp.LocalMsp;
import io.weft.peer.chaincode.ChaincodeBuilder;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.ChaincodeRuntime;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.endorser.ChaincodeDefinition;
import io.weft.peer.endorser.ChaincodeDefinitionLookup;
import io.weft.peer.gateway.EndorserClient;
import io.weft.peer.gateway.RemoteEndorser;
import io.weft.peer.operations.HealthCheck;
import io.weft.peer.scc.Acls;
import io.weft.peer.scc.ConfigurationChaincode;
import io.weft.peer.scc.LifecycleChaincode;
import io.weft.peer.scc.LifecycleDefinitions;
import io.weft.peer.scc.QueryChaincode;
import io.weft.peer.scc.SystemChaincode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;

/** The real-world parts: Docker or process runtime, Fabric's system chaincodes, other orgs' peers from config. */
public final class DaemonParts implements PeerParts {
    @Override
    public ChaincodeRuntime runtime(PeerConfig config, ChaincodePackageStore packages, Executor launches) {
        return ChaincodeRuntimes.choose(config, launches);
    }

    @Override
    public ChaincodeDefinitionLookup definitions(LocalMsp msp) {
        LifecycleDefinitions lifecycle = new LifecycleDefinitions(msp.msp().mspId());
        return (channelId, name, state) -> lifecycle
                .definition(state, name)
                .map(d ->
                        new ChaincodeDefinition(d.name(), d.version(), d.sequence(), d.initRequired(), d.packageId()));
    }

    @Override
    public Map<String, SystemChaincode> systemChaincodes(
            LocalMsp msp, ChannelManager channels, ChaincodePackageStore packages, ChaincodeBuilder builder) {
        Acls acls = new Acls(msp.msp());
        List<SystemChaincode> all = List.of(
                new LifecycleChaincode(msp.msp(), acls, packages, builder, channels),
                new ConfigurationChaincode(channels, acls),
                new QueryChaincode(channels, acls));
        Map<String, SystemChaincode> byName = new java.util.LinkedHashMap<>();
        all.forEach(scc -> byName.put(scc.name(), scc));
        return byName;
    }

    @Override
    public List<EndorserClient> remoteEndorsers(PeerConfig config) {
        List<EndorserClient> result = new ArrayList<>();
        for (PeerConfig.RemotePeer peer : config.gateway().peers()) {
            URI uri = URI.create("dns://" + peer.address());
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                    .maxInboundMessageSize((int) config.maxRecvMsgSize());
            if (peer.tlsRootCert() != null) {
                try {
                    builder.sslContext(GrpcSslContexts.forClient()
                            .trustManager(peer.tlsRootCert().toFile())
                            .build());
                } catch (SSLException | IllegalArgumentException e) {
                    throw new ConfigException("peer.gateway.peers " + peer.address() + ": cannot use tlsRootCert "
                            + peer.tlsRootCert() + ": " + e.getMessage());
                }
                if (!peer.hostnameOverride().isBlank()) {
                    builder.overrideAuthority(peer.hostnameOverride());
                }
            } else {
                builder.usePlaintext();
            }
            result.add(new RemoteEndorser(
                    peer.mspId(),
                    peer.address(),
                    builder.build(),
                    config.gateway().endorsementTimeout()));
        }
        return result;
    }

    @Override
    public List<HealthCheck> healthChecks(PeerConfig config) {
        return config.chaincode().runtime().equals("process")
                        || config.vmEndpoint().isBlank()
                ? List.of()
                : List.of(ChaincodeRuntimes.dockerHealth(config));
    }
}
