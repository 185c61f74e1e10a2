package io.weft.orderer;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.msp.ChannelConfig;
import io.weft.msp.MspException;
import io.weft.msp.PolicyResult;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code orderer.AtomicBroadcast}: Broadcast validates every envelope (structure, size, the signer against the
 * channel's Writers policy) and answers each one; Deliver streams blocks by Fabric's seek rules.
 */
public final class AtomicBroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicBroadcastService.class);

    private final ChannelRegistrar registrar;
    private final BlockDelivery delivery;
    private final Executor deliverExecutor;
    private final Clock clock;

    /** @param deliverExecutor runs Deliver streams, which block while waiting for new blocks */
    public AtomicBroadcastService(
            ChannelRegistrar registrar,
            java.util.function.Function<String, Optional<? extends BlockDelivery.Channel>> deliverChannels,
            Executor deliverExecutor,
            Clock clock) {
        this.registrar = registrar;
        this.delivery = new BlockDelivery(deliverChannels, "/Channel/Readers", clock);
        this.deliverExecutor = deliverExecutor;
        this.clock = clock;
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Envelope envelope) {
                BroadcastResponse response;
                try {
                    response = handle(envelope);
                } catch (RuntimeException e) {
                    LOG.warn("broadcast failed unexpectedly", e);
                    response = response(Status.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
                }
                synchronized (responses) {
                    responses.onNext(response);
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("broadcast stream ended: {}", t.toString());
            }

            @Override
            public void onCompleted() {
                synchronized (responses) {
                    responses.onCompleted();
                }
            }
        };
    }

    /** Validates and enqueues one envelope; the answer says why it was refused. */
    BroadcastResponse handle(Envelope envelope) {
        ParsedEnvelope parsed;
        try {
            parsed = ParsedEnvelope.parse(envelope);
        } catch (OrdererException e) {
            return response(Status.BAD_REQUEST, e.getMessage());
        }
        int type = parsed.channelHeader().getType();
        if (type == HeaderType.CONFIG_UPDATE_VALUE) {
            return response(Status.BAD_REQUEST, "channel config updates are not supported by this orderer yet");
        }
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.MESSAGE_VALUE) {
            return response(Status.BAD_REQUEST, "envelope header type " + type + " cannot be broadcast");
        }
        Optional<OrdererChannel> found = registrar.channel(parsed.channelId());
        if (found.isEmpty()) {
            return response(Status.NOT_FOUND, "channel " + parsed.channelId() + " not found");
        }
        OrdererChannel channel = found.get();
        ChannelConfig config = channel.config();
        long size = envelope.getSerializedSize();
        long limit = channel.batchSettings().absoluteMaxBytes();
        if (size > limit) {
            return response(
                    Status.BAD_REQUEST,
                    "message payload is " + size + " bytes and exceeds maximum allowed " + limit
                            + " bytes (BatchSize.AbsoluteMaxBytes)");
        }
        PolicyResult allowed = config.requirePolicy("/Channel/Writers").evaluate(parsed.signedData());
        if (!allowed.satisfied()) {
            return response(Status.FORBIDDEN, "access denied by /Channel/Writers: " + allowed.explanation());
        }
        try {
            config.msps()
                    .deserializeIdentity(parsed.signatureHeader().getCreator())
                    .checkValidAt(clock.instant());
        } catch (MspException e) {
            return response(Status.FORBIDDEN, "access denied: " + e.getMessage());
        }
        ByteString bytes = envelope.toByteString();
        if (!channel.consenter().order(bytes)) {
            return response(
                    Status.SERVICE_UNAVAILABLE,
                    "channel " + parsed.channelId()
                            + " cannot accept more transactions right now (ordering queue full or stopped); retry later");
        }
        return response(Status.SUCCESS, "");
    }

    private static BroadcastResponse response(Status status, String info) {
        return BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build();
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        ServerCallStreamObserver<DeliverResponse> call = (ServerCallStreamObserver<DeliverResponse>) responses;
        call.setOnCancelHandler(() -> {});
        return new StreamObserver<>() {
            private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

            @Override
            public synchronized void onNext(Envelope envelope) {
                previous = previous.thenRunAsync(() -> serve(envelope, call), deliverExecutor);
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("deliver stream ended: {}", t.toString());
            }

            @Override
            public synchronized void onCompleted() {
                previous.whenComplete((ok, error) -> {
                    if (!call.isCancelled()) {
                        call.onCompleted();
                    }
                });
            }
        };
    }

    private void serve(Envelope envelope, ServerCallStreamObserver<DeliverResponse> call) {
        BlockDelivery.Outcome outcome;
        try {
            outcome = delivery.deliver(ParsedEnvelope.parse(envelope), new BlockDelivery.Sink() {
                @Override
                public void send(org.hyperledger.fabric.protos.common.Block block) {
                    call.onNext(DeliverResponse.newBuilder().setBlock(block).build());
                }

                @Override
                public boolean isCancelled() {
                    return call.isCancelled();
                }
            });
        } catch (OrdererException e) {
            outcome = new BlockDelivery.Outcome(Status.BAD_REQUEST, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new BlockDelivery.Outcome(Status.SERVICE_UNAVAILABLE, "orderer is shutting down");
        } catch (RuntimeException e) {
            LOG.warn("deliver failed unexpectedly", e);
            outcome = new BlockDelivery.Outcome(Status.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
        }
        if (!call.isCancelled()) {
            if (outcome.status() != Status.SUCCESS) {
                LOG.info("deliver request on channel finished with {}: {}", outcome.status(), outcome.message());
            }
            call.onNext(DeliverResponse.newBuilder().setStatus(outcome.status()).build());
        }
    }
}
