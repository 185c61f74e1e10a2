package io.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.Test;

/** Chaincode-as-a-service: the peer dials {@code protos.Chaincode/Connect}; the chaincode still registers first. */
class ChaincodeServerTest {
    @Test
    void peerDialsTheChaincodeWhichRegistersAndServesTransactions() throws Exception {
        String name = InProcessServerBuilder.generateName();
        ShimConfig config = ShimConfig.of("basic_1.0:abc", ShimConfig.DEFAULT_PEER_ADDRESS);
        try (ChaincodeServer server = new ChaincodeServer(
                config,
                FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(
                        stub.getFunction().getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                InProcessServerBuilder.forName(name))) {
            server.start();
            ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
            BlockingQueue<ChaincodeMessage> received = new LinkedBlockingQueue<>();
            StreamObserver<ChaincodeMessage> toChaincode = ChaincodeGrpc.newStub(channel)
                    .connect(new StreamObserver<>() {
                        @Override
                        public void onNext(ChaincodeMessage message) {
                            received.add(message);
                        }

                        @Override
                        public void onError(Throwable t) {}

                        @Override
                        public void onCompleted() {}
                    });
            ChaincodeMessage register = received.poll(5, TimeUnit.SECONDS);
            assertThat(register.getType()).isEqualTo(ChaincodeMessage.Type.REGISTER);
            assertThat(ChaincodeID.parseFrom(register.getPayload()).getName()).isEqualTo("basic_1.0:abc");
            toChaincode.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.REGISTERED)
                    .build());
            toChaincode.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.READY)
                    .build());
            toChaincode.onNext(FakePeer.invocation(ChaincodeMessage.Type.TRANSACTION, "ch", "tx1", "Hello"));
            ChaincodeMessage completed = received.poll(5, TimeUnit.SECONDS);
            assertThat(completed.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
            assertThat(Response.parseFrom(completed.getPayload()).getPayload())
                    .isEqualTo(ByteString.copyFromUtf8("Hello"));
            toChaincode.onCompleted();
            channel.shutdownNow();
        }
    }
}
