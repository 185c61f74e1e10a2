package io.weft.peer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fabric's grpc_server_* metrics from an interceptor, on an in-process server. */
class GrpcServerMetricsTest {
    private final Metrics metrics = new Metrics();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .intercept(new GrpcServerMetrics(metrics))
                .addService(new EndorserGrpc.EndorserImplBase() {
                    @Override
                    public void processProposal(
                            SignedProposal request, StreamObserver<ProposalResponse> responseObserver) {
                        if (request.getSignature().isEmpty()) {
                            responseObserver.onError(Status.INVALID_ARGUMENT
                                    .withDescription("unsigned")
                                    .asRuntimeException());
                            return;
                        }
                        responseObserver.onNext(ProposalResponse.getDefaultInstance());
                        responseObserver.onCompleted();
                    }
                })
                .addService(new ChaincodeSupportGrpc.ChaincodeSupportImplBase() {
                    @Override
                    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> toChaincode) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(ChaincodeMessage value) {
                                toChaincode.onNext(value); // echo
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {
                                toChaincode.onCompleted();
                            }
                        };
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void unaryCallsAreCountedByServiceMethodAndCode() {
        var endorser = EndorserGrpc.newBlockingStub(channel);
        endorser.processProposal(SignedProposal.newBuilder()
                .setSignature(com.google.protobuf.ByteString.copyFromUtf8("s"))
                .build());
        assertThatThrownBy(() -> endorser.processProposal(SignedProposal.getDefaultInstance()));

        assertThat(metrics.scrape())
                .contains("grpc_server_unary_requests_received{service=\"protos_Endorser\","
                        + "method=\"ProcessProposal\"} 2\n")
                .contains("grpc_server_unary_requests_completed{service=\"protos_Endorser\","
                        + "method=\"ProcessProposal\",code=\"OK\"} 1\n")
                .contains("grpc_server_unary_requests_completed{service=\"protos_Endorser\","
                        + "method=\"ProcessProposal\",code=\"INVALID_ARGUMENT\"} 1\n")
                .contains("grpc_server_unary_request_duration_count{service=\"protos_Endorser\","
                        + "method=\"ProcessProposal\",code=\"OK\"} 1\n");
    }

    @Test
    void streamsAndTheirMessagesAreCounted() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ChaincodeMessage> toPeer = ChaincodeSupportGrpc.newStub(channel)
                .register(new StreamObserver<>() {
                    @Override
                    public void onNext(ChaincodeMessage value) {}

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        toPeer.onNext(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTER)
                .build());
        toPeer.onNext(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.KEEPALIVE)
                .build());
        toPeer.onCompleted();
        done.get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(metrics.scrape())
                .contains("grpc_server_stream_requests_received{service=\"protos_ChaincodeSupport\","
                        + "method=\"Register\"} 1\n")
                .contains("grpc_server_stream_requests_completed{service=\"protos_ChaincodeSupport\","
                        + "method=\"Register\",code=\"OK\"} 1\n")
                .contains("grpc_server_stream_messages_received{service=\"protos_ChaincodeSupport\","
                        + "method=\"Register\"} 2\n")
                .contains("grpc_server_stream_messages_sent{service=\"protos_ChaincodeSupport\","
                        + "method=\"Register\"} 2\n"));
    }
}
