package io.weft.peer.cli.peer;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** The gRPC channels one command opens; closed together when the command ends. */
final class Connections implements AutoCloseable {
    static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final List<ManagedChannel> channels = new ArrayList<>();

    ManagedChannel open(Endpoint endpoint) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoint.address())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, endpoint.connTimeout().toMillis()));
        if (endpoint.tls()) {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient()
                        .trustManager(endpoint.rootCert().orElseThrow().toFile());
                if (endpoint.clientCert().isPresent()) {
                    ssl.keyManager(
                            endpoint.clientCert().get().toFile(),
                            endpoint.clientKey().orElseThrow().toFile());
                }
                builder.sslContext(ssl.build()).useTransportSecurity();
            } catch (SSLException | IllegalArgumentException e) {
                throw new PeerCliException(
                        "cannot set up TLS for " + endpoint.describe() + " with "
                                + endpoint.rootCert().orElseThrow() + ": " + e.getMessage(),
                        e);
            }
            if (!endpoint.hostnameOverride().isBlank()) {
                builder.overrideAuthority(endpoint.hostnameOverride());
            }
        } else {
            builder.usePlaintext();
        }
        ManagedChannel channel = builder.build();
        channels.add(channel);
        return channel;
    }

    /** A one-line message for a failed call: what failed, where, and what to check. */
    static PeerCliException failure(Endpoint endpoint, String action, Throwable error) {
        Status status = Status.fromThrowable(error);
        String hint = " (is the " + endpoint.role().noun + " running? is " + endpoint.role().tlsSetting + " right?)";
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new PeerCliException(
                        "cannot connect to " + endpoint.describe() + ": connection refused" + hint, error);
            }
            if (t instanceof UnknownHostException) {
                return new PeerCliException(
                        "cannot connect to " + endpoint.describe() + ": unknown host " + t.getMessage(), error);
            }
            if (t instanceof SSLException) {
                return new PeerCliException(
                        "TLS handshake with " + endpoint.describe() + " failed: " + t.getMessage()
                                + " (check the TLS root certificate and the hostname override; is "
                                + endpoint.role().tlsSetting + " right?)",
                        error);
            }
        }
        String description = status.getDescription() == null ? "" : ": " + status.getDescription();
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            return new PeerCliException(
                    "cannot reach " + endpoint.describe() + " (" + action + ")" + description + hint, error);
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new PeerCliException(action + " at " + endpoint.describe() + " timed out" + description, error);
        }
        if (status.getCode() == Status.Code.UNKNOWN
                && !(error instanceof io.grpc.StatusRuntimeException)
                && !(error instanceof io.grpc.StatusException)) {
            String message =
                    error instanceof IOException || error.getMessage() == null ? error.toString() : error.getMessage();
            return new PeerCliException(action + " at " + endpoint.describe() + " failed: " + message, error);
        }
        return new PeerCliException(
                action + " at " + endpoint.describe() + " failed: " + status.getCode() + description, error);
    }

    @Override
    public void close() {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
