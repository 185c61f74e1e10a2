package io.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handler code on the pool, bookkeeping on the transport thread, a call's callbacks in order and with its Context. */
class HandlerOffloadTest {
    private static final Context.Key<String> CALLER = Context.key("caller");
    private static final int PARALLEL = 16;

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "handler-pool-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<String> handlerThreads = new LinkedBlockingQueue<>();
    private volatile CountDownLatch allInside = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
    }

    private void start(java.util.concurrent.Executor handlers) throws Exception {
        String name = InProcessServerBuilder.generateName();
        ServerInterceptor caller = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(CALLER, "client-1"), call, headers, next);
            }
        };
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .intercept(new HandlerOffload(
                        handlers, Set.of(GatewayGrpc.getCommitStatusMethod().getFullMethodName())))
                .intercept(caller)
                .addService(new EndorserGrpc.EndorserImplBase() {
                    @Override
                    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responses) {
                        handlerThreads.add(Thread.currentThread().getName() + " " + CALLER.get());
                        String kind = request.getSignature().toStringUtf8();
                        if (kind.equals("throw")) {
                            throw new IllegalStateException("handler bug");
                        }
                        if (kind.equals("wait")) {
                            allInside.countDown();
                            try {
                                // blocks until every parallel call is inside a handler at the same time
                                if (!allInside.await(10, TimeUnit.SECONDS)) {
                                    responses.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
                                    return;
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        responses.onNext(ProposalResponse.newBuilder()
                                .setPayload(request.getSignature())
                                .build());
                        responses.onCompleted();
                    }
                })
                .addService(new GatewayGrpc.GatewayImplBase() {
                    @Override
                    public void commitStatus(
                            SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> responses) {
                        handlerThreads.add(Thread.currentThread().getName() + " " + CALLER.get());
                        responses.onNext(CommitStatusResponse.newBuilder()
                                .setBlockNumber(7)
                                .build());
                        responses.onCompleted();
                    }
                })
                .addService(new ChaincodeSupportGrpc.ChaincodeSupportImplBase() {
                    @Override
                    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> toChaincode) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(ChaincodeMessage value) {
                                events.add("message " + value.getTxid() + " on "
                                        + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
                                toChaincode.onNext(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                events.add("error");
                            }

                            @Override
                            public void onCompleted() {
                                events.add("half-close");
                                toChaincode.onCompleted();
                            }
                        };
                    }
                })
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    private static SignedProposal proposal(String signature) {
        return SignedProposal.newBuilder()
                .setSignature(com.google.protobuf.ByteString.copyFromUtf8(signature))
                .build();
    }

    @Test
    void aBlockingHandlerRunsOnThePoolWithItsCallsContext() throws Exception {
        start(pool);

        ProposalResponse response = EndorserGrpc.newBlockingStub(channel).processProposal(proposal("hello"));

        assertThat(response.getPayload().toStringUtf8()).isEqualTo("hello");
        assertThat(handlerThreads.poll(5, TimeUnit.SECONDS)).matches("handler-pool-\\d+ client-1");
    }

    @Test
    void aNonBlockingMethodRunsOnTheTransportThread() throws Exception {
        start(pool);

        CommitStatusResponse response =
                GatewayGrpc.newBlockingStub(channel).commitStatus(SignedCommitStatusRequest.getDefaultInstance());

        assertThat(response.getBlockNumber()).isEqualTo(7);
        assertThat(handlerThreads.poll(5, TimeUnit.SECONDS))
                .doesNotStartWith("handler-pool")
                .endsWith(" client-1");
        assertThat(threads).hasValue(0);
    }

    @Test
    void blockingHandlersOfManyCallsRunAtTheSameTime() throws Exception {
        start(pool);
        allInside = new CountDownLatch(PARALLEL);
        EndorserGrpc.EndorserFutureStub stub = EndorserGrpc.newFutureStub(channel);
        List<com.google.common.util.concurrent.ListenableFuture<ProposalResponse>> calls = new ArrayList<>();

        for (int i = 0; i < PARALLEL; i++) {
            calls.add(stub.processProposal(proposal("wait")));
        }

        for (var call : calls) {
            assertThat(call.get(15, TimeUnit.SECONDS).getPayload().toStringUtf8())
                    .isEqualTo("wait");
        }
        assertThat(threads.get()).isGreaterThanOrEqualTo(PARALLEL);
    }

    @Test
    void aStreamsMessagesAndHalfCloseReachTheHandlerInOrderOnThePool() throws Exception {
        start(pool);
        CompletableFuture<List<String>> echoed = new CompletableFuture<>();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        StreamObserver<ChaincodeMessage> requests = ChaincodeSupportGrpc.newStub(channel)
                .register(new StreamObserver<>() {
                    @Override
                    public void onNext(ChaincodeMessage value) {
                        received.add(value.getTxid());
                    }

                    @Override
                    public void onError(Throwable t) {
                        echoed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        echoed.complete(List.copyOf(received));
                    }
                });

        for (int i = 0; i < 50; i++) {
            requests.onNext(ChaincodeMessage.newBuilder().setTxid("tx" + i).build());
        }
        requests.onCompleted();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("tx" + i);
        }
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
        List<String> expectedEvents = new ArrayList<>();
        expected.forEach(tx -> expectedEvents.add("message " + tx + " on handler-pool"));
        expectedEvents.add("half-close");
        assertThat(events).isEqualTo(expectedEvents);
    }

    @Test
    void aHandlerThatThrowsFailsItsCallAndTheServerKeepsServing() throws Exception {
        start(pool);
        EndorserGrpc.EndorserBlockingStub stub = EndorserGrpc.newBlockingStub(channel);

        assertThatThrownBy(() -> stub.processProposal(proposal("throw")))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));

        assertThat(stub.processProposal(proposal("again")).getPayload().toStringUtf8())
                .isEqualTo("again");
    }

    @Test
    void aPoolThatRefusesWorkAnswersUnavailable() throws Exception {
        pool.shutdown();
        start(pool);

        assertThatThrownBy(() -> EndorserGrpc.newBlockingStub(channel).processProposal(proposal("late")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).isEqualTo("the peer is shutting down");
                });
    }
}
