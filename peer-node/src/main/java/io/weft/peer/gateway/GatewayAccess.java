package io.weft.peer.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import io.weft.peer.channel.Channel;
import java.util.List;

/** ACL checks of the gateway's signed requests (CommitStatus, ChaincodeEvents). */
final class GatewayAccess {
    private GatewayAccess() {}

    static void check(Channel channel, String resource, ByteString request, ByteString identity, ByteString signature) {
        String path = channel.config().acls().getOrDefault(resource, "/Channel/Application/Readers");
        PolicyResult result =
                channel.config().requirePolicy(path).evaluate(List.of(new SignedData(request, identity, signature)));
        if (!result.satisfied()) {
            throw GatewayErrors.error(
                    Status.Code.PERMISSION_DENIED,
                    "access denied for [" + resource + "] on channel [" + channel.channelId() + "]: "
                            + result.explanation());
        }
    }
}
