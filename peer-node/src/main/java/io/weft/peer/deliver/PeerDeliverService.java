package io.weft.peer.deliver;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.orderer.BlockDelivery;
import io.weft.orderer.OrdererException;
import io.weft.orderer.ParsedEnvelope;
import io.weft.peer.channel.Channel;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's {@code protos.Deliver} service (fabric-protocol.md §6): committed blocks (with TRANSACTIONS_FILTER),
 * filtered blocks, or blocks with an (empty) private data map, by Fabric's seek rules ({@link BlockDelivery}). Access:
 * the ACL {@code event/Block} (Deliver, DeliverWithPrivateData) or {@code event/FilteredBlock} (DeliverFiltered),
 * resolved through the channel config's ACLs, default {@code /Channel/Application/Readers}.
 */
public final class PeerDeliverService extends DeliverGrpc.DeliverImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDeliverService.class);

    static final String BLOCK_ACL = "event/Block";
    static final String FILTERED_BLOCK_ACL = "event/FilteredBlock";
    static final String DEFAULT_POLICY = "/Channel/Application/Readers";

    private final Function<String, Optional<Channel>> channels;
    private final Executor executor;
    private final Clock clock;

    /** @param executor runs deliver streams, which block while they wait for new blocks */
    public PeerDeliverService(Function<String, Optional<Channel>> channels, Executor executor, Clock clock) {
        this.channels = channels;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return stream(responses, BLOCK_ACL, (block, channelId) -> DeliverResponse.newBuilder()
                .setBlock(block)
                .build());
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return stream(responses, FILTERED_BLOCK_ACL, (block, channelId) -> DeliverResponse.newBuilder()
                .setFilteredBlock(FilteredBlocks.of(block, channelId))
                .build());
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responses) {
        return stream(responses, BLOCK_ACL, (block, channelId) -> DeliverResponse.newBuilder()
                .setBlockAndPrivateData(BlockAndPrivateData.newBuilder().setBlock(block))
                .build());
    }

    private interface Encoder {
        DeliverResponse encode(Block block, String channelId);
    }

    private StreamObserver<Envelope> stream(StreamObserver<DeliverResponse> responses, String acl, Encoder encoder) {
        ServerCallStreamObserver<DeliverResponse> call = (ServerCallStreamObserver<DeliverResponse>) responses;
        call.setOnCancelHandler(() -> {});
        return new StreamObserver<>() {
            private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

            @Override
            public synchronized void onNext(Envelope envelope) {
                previous = previous.thenRunAsync(() -> serve(envelope, acl, encoder, call), executor);
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("deliver stream ended: {}", t.toString());
            }

            @Override
            public synchronized void onCompleted() {
                previous = previous.whenComplete((ok, error) -> {
                    if (!call.isCancelled()) {
                        call.onCompleted();
                    }
                });
            }
        };
    }

    private void serve(Envelope envelope, String acl, Encoder encoder, ServerCallStreamObserver<DeliverResponse> call) {
        BlockDelivery.Outcome outcome;
        try {
            outcome = deliver(ParsedEnvelope.parse(envelope), acl, encoder, call);
        } catch (OrdererException e) {
            outcome = new BlockDelivery.Outcome(Status.BAD_REQUEST, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new BlockDelivery.Outcome(Status.SERVICE_UNAVAILABLE, "peer is shutting down");
        } catch (RuntimeException e) {
            LOG.warn("deliver failed unexpectedly", e);
            outcome = new BlockDelivery.Outcome(Status.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
        }
        if (!call.isCancelled()) {
            if (outcome.status() != Status.SUCCESS) {
                LOG.info("deliver request finished with {}: {}", outcome.status(), outcome.message());
            }
            call.onNext(DeliverResponse.newBuilder().setStatus(outcome.status()).build());
        }
    }

    private BlockDelivery.Outcome deliver(
            ParsedEnvelope request, String acl, Encoder encoder, ServerCallStreamObserver<DeliverResponse> call)
            throws InterruptedException {
        if (request.channelHeader().getType() != HeaderType.DELIVER_SEEK_INFO_VALUE) {
            return new BlockDelivery.Outcome(
                    Status.BAD_REQUEST,
                    "deliver request has header type " + request.channelHeader().getType() + "; expected "
                            + HeaderType.DELIVER_SEEK_INFO_VALUE + " (DELIVER_SEEK_INFO)");
        }
        String channelId = request.channelId();
        Optional<Channel> channel = channels.apply(channelId);
        if (channel.isEmpty()) {
            return new BlockDelivery.Outcome(Status.NOT_FOUND, "channel " + channelId + " not found");
        }
        String policy = channel.get().config().acls().getOrDefault(acl, DEFAULT_POLICY);
        BlockDelivery delivery = new BlockDelivery(id -> channel, policy, clock);
        return delivery.deliver(request, new BlockDelivery.Sink() {
            @Override
            public void send(Block block) {
                call.onNext(encoder.encode(block, channelId));
            }

            @Override
            public boolean isCancelled() {
                return call.isCancelled();
            }
        });
    }
}
