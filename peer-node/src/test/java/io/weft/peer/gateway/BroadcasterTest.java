package io.weft.peer.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.msp.ChannelConfig;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's Broadcast to an orderer (a stream per transaction, as Fabric's gateway): answers, refusals, failures.
 */
class BroadcasterTest {
    @TempDir
    Path dir;

    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final String name = InProcessServerBuilder.generateName();
    private Server server;
    private ManagedChannel connection;
    private ChannelConfig config;

    /**
     * A fake orderer: answers each envelope in order, BAD_REQUEST for payload "bad", breaks the stream on "break",
     * never answers "silent".
     */
    private final class FakeOrderer extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
        @Override
        public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
            streamsOpened.incrementAndGet();
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope envelope) {
                    switch (envelope.getPayload().toStringUtf8()) {
                        case "bad" ->
                            responses.onNext(BroadcastResponse.newBuilder()
                                    .setStatus(org.hyperledger.fabric.protos.common.Status.BAD_REQUEST)
                                    .setInfo("malformed")
                                    .build());
                        case "break" ->
                            responses.onError(
                                    Status.INTERNAL.withDescription("boom").asRuntimeException());
                        case "silent" -> {}
                        default ->
                            responses.onNext(BroadcastResponse.newBuilder()
                                    .setStatus(org.hyperledger.fabric.protos.common.Status.SUCCESS)
                                    .build());
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = InProcessServerBuilder.forName(name)
                .addService(new FakeOrderer())
                .build()
                .start();
        connection = InProcessChannelBuilder.forName(name).build();
        config = ChannelConfig.fromBlock(
                TestNetwork.create(dir.resolve("net"), TestNetwork.repoConfig()).genesisBlock("mychannel"),
                TestNetwork.CRYPTO);
    }

    @AfterEach
    void stop() {
        connection.shutdownNow();
        server.shutdownNow();
    }

    private Broadcaster broadcaster(Duration timeout) {
        return new Broadcaster(
                new OrdererConnections() {
                    @Override
                    public ManagedChannel connect(String endpoint, ChannelConfig ignored) {
                        return connection;
                    }

                    @Override
                    public void close() {}
                },
                timeout);
    }

    /** Waits for the submission's outcome, throwing the status it failed with. */
    private void submit(Broadcaster broadcaster, Envelope envelope) {
        try {
            broadcaster.submit(config, envelope).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static Envelope envelope(String payload) {
        return Envelope.newBuilder()
                .setPayload(ByteString.copyFromUtf8(payload))
                .build();
    }

    @Test
    void concurrentSubmissionsEachGetTheirOwnAnswer() {
        Broadcaster broadcaster = broadcaster(Duration.ofSeconds(10));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String payload = i % 10 == 0 ? "bad" : "tx" + i;
                outcomes.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                submit(broadcaster, envelope(payload));
                                return payload + ":ok";
                            } catch (StatusRuntimeException e) {
                                return payload + ":" + e.getStatus().getCode();
                            }
                        },
                        callers));
            }
            for (int i = 0; i < 200; i++) {
                String expected = i % 10 == 0 ? "bad:ABORTED" : "tx" + i + ":ok";
                assertThat(outcomes.get(i).join()).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(streamsOpened).hasValue(200);
    }

    @Test
    void aStreamTheOrdererBreaksFailsThatSubmissionOnly() {
        Broadcaster broadcaster = broadcaster(Duration.ofSeconds(10));
        submit(broadcaster, envelope("first"));
        assertThatThrownBy(() -> submit(broadcaster, envelope("break")))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("no orderers could successfully process transaction");
        submit(broadcaster, envelope("after"));
        assertThat(streamsOpened).hasValue(3);
    }

    @Test
    void anOrdererThatDoesNotAnswerTimesOut() {
        Broadcaster broadcaster = broadcaster(Duration.ofMillis(300));
        assertThatThrownBy(() -> submit(broadcaster, envelope("silent")))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> {
                    assertThat(((StatusRuntimeException) e).getStatus().getCode())
                            .isEqualTo(Status.Code.UNAVAILABLE);
                    var details = io.grpc.protobuf.StatusProto.fromThrowable(e).getDetailsList();
                    assertThat(details).hasSize(1);
                    assertThat(details.get(0)
                                    .unpack(org.hyperledger.fabric.protos.gateway.ErrorDetail.class)
                                    .getMessage())
                            .isEqualTo("no answer within PT0.3S (peer.gateway.broadcastTimeout)");
                });
        submit(broadcaster, envelope("later"));
    }

    @Test
    void noThreadWaitsForTheOrderersAnswer() throws Exception {
        Broadcaster broadcaster = broadcaster(Duration.ofSeconds(10));

        CompletableFuture<Void> silent = broadcaster.submit(config, envelope("silent"));

        // the call returned with the orderer still silent; the outcome is pending, not failed
        assertThat(silent).isNotDone();
        silent.cancel(false);
        submit(broadcaster, envelope("later"));
    }
}
