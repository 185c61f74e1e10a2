package io.weft.peer.chaincode;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaincode as a service: for a {@code ccaas}/{@code external} package the peer dials the address in its {@code
 * connection.json} ({@code protos.Chaincode/Connect}, {@code dial_timeout} as connect timeout) and runs the same
 * protocol handler over that stream: the chaincode still sends REGISTER first. With {@code tls_required} the peer
 * dials with TLS, trusting only {@code root_cert}, presenting {@code client_cert}/{@code client_key} when {@code
 * client_auth_required}, and verifying the server's name against the host of {@code address} (or {@code domain}, which
 * Fabric honours only together with client authentication, and so does Weft); otherwise plaintext. Peer TLS settings play no part, as on Fabric. A refused connection (or a failed
 * handshake) fails the launch at once.
 */
public final class ExternalChaincodeRuntime implements ChaincodeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalChaincodeRuntime.class);
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final Map<String, Connected> connections = new ConcurrentHashMap<>();

    private static final class Connected {
        final ManagedChannel channel;
        volatile boolean ended;

        Connected(ManagedChannel channel) {
            this.channel = channel;
        }
    }

    @Override
    public void start(ChaincodeLaunch launch) {
        ChaincodePackage pkg = launch.requirePackage();
        ConnectionInfo info = ConnectionInfo.parse(pkg);
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(info.address())
                // the stream handler never blocks: callbacks on the transport thread save a hop per message
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        info.dialTimeout().toMillis());
        if (info.tls().isPresent()) {
            ConnectionInfo.Tls tls = info.tls().get();
            builder.sslContext(ChaincodeServerTls.clientContext(tls));
            if (tls.clientAuthentication() && !tls.domain().isBlank()) {
                builder.overrideAuthority(tls.domain());
            }
        } else {
            builder.usePlaintext();
        }
        ManagedChannel channel = builder.build();
        Connected connected = new Connected(channel);
        connections.put(launch.chaincodeId(), connected);
        ChaincodeStreamConnector.Connection connection =
                launch.connector().connect("chaincode server " + info.address());
        LOG.info(
                "dialing chaincode {} at {}{}",
                launch.chaincodeId(),
                info.address(),
                info.tls()
                        .map(t -> t.clientAuthentication() ? " (TLS, client certificate)" : " (TLS)")
                        .orElse(""));
        ChaincodeGrpc.newStub(channel).connect(new ClientResponseObserver<ChaincodeMessage, ChaincodeMessage>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ChaincodeMessage> toChaincode) {
                connection.attach(toChaincode);
            }

            @Override
            public void onNext(ChaincodeMessage value) {
                connection.fromChaincode().onNext(value);
            }

            @Override
            public void onError(Throwable t) {
                connected.ended = true;
                connection.fromChaincode().onError(t);
                launch.exited()
                        .accept("connection to " + info.address() + " failed: " + ChaincodeStreamHandler.statusText(t));
            }

            @Override
            public void onCompleted() {
                connected.ended = true;
                connection.fromChaincode().onCompleted();
                launch.exited().accept("connection to " + info.address() + " closed");
            }
        });
    }

    @Override
    public void stop(String chaincodeId) {
        Connected connected = connections.remove(chaincodeId);
        if (connected != null) {
            connected.channel.shutdownNow();
            try {
                connected.channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning(String chaincodeId) {
        Connected connected = connections.get(chaincodeId);
        return connected != null && !connected.ended && !connected.channel.isShutdown();
    }

    @Override
    public void close() {
        new ArrayList<>(connections.keySet()).forEach(this::stop);
    }
}
