package io.weft.shim.internal;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.weft.shim.ShimConfig;
import io.weft.shim.ShimConfig.TlsSettings;
import io.weft.shim.ShimException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Builds the real (Netty) channel to the peer and the server for chaincode-as-a-service from a {@link ShimConfig}. */
public final class GrpcTransports {
    private GrpcTransports() {}

    /** A channel to the peer's chaincode listener: plaintext, or TLS with the client key pair Fabric hands over. */
    public static ManagedChannel peerChannel(ShimConfig config) {
        return NettyChannelBuilder.forAddress(
                        config.peerAddress().host(), config.peerAddress().port(), channelCredentials(config.tls()))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                // the stream handler only hands work to transaction threads: running it on the transport thread
                // saves a thread hop per message
                .directExecutor()
                .build();
    }

    /** A server on {@code CHAINCODE_SERVER_ADDRESS}, TLS with the PEM key pair when enabled. */
    public static ServerBuilder<?> chaincodeServer(ShimConfig config) {
        InetSocketAddress address = new InetSocketAddress(
                config.serverAddress().host(), config.serverAddress().port());
        return NettyServerBuilder.forAddress(address, serverCredentials(config.tls()))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .directExecutor() // as the dialing side: the handler only hands work to transaction threads
                .keepAliveTime(1, TimeUnit.MINUTES)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .permitKeepAliveTime(1, TimeUnit.MINUTES)
                .permitKeepAliveWithoutCalls(true);
    }

    static ChannelCredentials channelCredentials(TlsSettings tls) {
        if (!tls.enabled()) {
            return InsecureChannelCredentials.create();
        }
        try (InputStream cert = base64Pem(tls.clientCertPath(), "CORE_TLS_CLIENT_CERT_PATH");
                InputStream key = base64Pem(tls.clientKeyPath(), "CORE_TLS_CLIENT_KEY_PATH")) {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(cert, key)
                    .trustManager(tls.rootCertFile().toFile())
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new ShimException(
                    "cannot set up TLS to the peer with CORE_PEER_TLS_ROOTCERT_FILE="
                            + tls.rootCertFile() + ", CORE_TLS_CLIENT_CERT_PATH=" + tls.clientCertPath()
                            + ", CORE_TLS_CLIENT_KEY_PATH=" + tls.clientKeyPath() + ": " + e.getMessage(),
                    e);
        }
    }

    static ServerCredentials serverCredentials(TlsSettings tls) {
        if (!tls.enabled()) {
            return InsecureServerCredentials.create();
        }
        try {
            return TlsServerCredentials.create(
                    tls.clientCertFile().toFile(), tls.clientKeyFile().toFile());
        } catch (IOException | IllegalArgumentException e) {
            throw new ShimException(
                    "cannot set up the chaincode server's TLS with CORE_TLS_CLIENT_CERT_FILE="
                            + tls.clientCertFile() + ", CORE_TLS_CLIENT_KEY_FILE=" + tls.clientKeyFile() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Fabric writes the client key and certificate for a peer-launched chaincode as base64 of the PEM text. */
    private static InputStream base64Pem(Path file, String variable) throws IOException {
        byte[] encoded = Files.readAllBytes(file);
        try {
            return new ByteArrayInputStream(Base64.getMimeDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " file " + file + " is not base64 of a PEM file", e);
        }
    }
}
