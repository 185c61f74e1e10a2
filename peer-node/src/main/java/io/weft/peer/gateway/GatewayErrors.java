package io.weft.peer.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** gRPC errors with Fabric's {@code gateway.ErrorDetail}s, which the fabric-gateway client exposes as details. */
final class GatewayErrors {
    private GatewayErrors() {}

    static StatusRuntimeException error(Status.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        details.forEach(detail -> status.addDetails(Any.pack(detail)));
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(Status.Code code, String message) {
        return error(code, message, List.of());
    }

    static ErrorDetail detail(EndorserClient endorser, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(endorser.address())
                .setMspId(endorser.mspId())
                .setMessage(message)
                .build();
    }
}
