package io.weft.peer.gateway;

import io.grpc.ManagedChannel;
import io.weft.msp.ChannelConfig;

/** Opens (and caches) gRPC connections to a channel's orderers; the daemon's uses TLS with the orderer orgs' CAs. */
public interface OrdererConnections extends AutoCloseable {
    ManagedChannel connect(String endpoint, ChannelConfig config);

    @Override
    void close();
}
