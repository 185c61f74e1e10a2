package io.weft.peer.node;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.weft.msp.ChannelConfig;
import io.weft.msp.Msp;
import io.weft.peer.config.ConfigException;
import io.weft.peer.gateway.OrdererConnections;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * Connections to a channel's orderers over TLS, trusting the TLS root and intermediate CAs of the channel's orderer
 * organizations (as Fabric peers do); plaintext when those orgs publish no TLS CA.
 */
final class TlsOrdererConnections implements OrdererConnections {
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final Map<String, ManagedChannel> cache = new ConcurrentHashMap<>();

    @Override
    public ManagedChannel connect(String endpoint, ChannelConfig config) {
        return cache.computeIfAbsent(config.channelId() + "|" + endpoint, key -> open(endpoint, config));
    }

    /** A new, uncached connection (the deliver client shuts its connections down itself). */
    static ManagedChannel open(String endpoint, ChannelConfig config) {
        URI uri = URI.create("dns://" + endpoint);
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                // the gateway's Broadcast and the deliver client's callbacks only complete a future (whose follow-ups
                // send the gateway's answer or try the next orderer) or fill an inbox: running them on the transport
                // thread saves a thread hand-off per message
                .directExecutor();
        List<X509Certificate> cas = new ArrayList<>();
        for (String mspId : config.ordererOrgs().values()) {
            config.msps().msp(mspId).ifPresent(msp -> addTlsCas(msp, cas));
        }
        if (cas.isEmpty()) {
            return builder.usePlaintext().build();
        }
        try {
            return builder.sslContext(GrpcSslContexts.forClient()
                            .trustManager(cas.toArray(new X509Certificate[0]))
                            .build())
                    .build();
        } catch (SSLException e) {
            throw new ConfigException("cannot set up TLS to orderer " + endpoint + ": " + e.getMessage());
        }
    }

    private static void addTlsCas(Msp msp, List<X509Certificate> into) {
        into.addAll(msp.tlsRootCertificates());
        into.addAll(msp.tlsIntermediateCertificates());
    }

    @Override
    public void close() {
        cache.values().forEach(ManagedChannel::shutdownNow);
        cache.clear();
    }
}
