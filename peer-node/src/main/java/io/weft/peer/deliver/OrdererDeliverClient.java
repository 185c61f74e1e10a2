package io.weft.peer.deliver;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.weft.msp.SignedEnvelopes;
import io.weft.msp.SigningIdentity;
import io.weft.peer.channel.Channel;
import io.weft.peer.committer.CommitterException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a channel's blocks from the ordering service and commits them through the {@link Channel}: one
 * {@code AtomicBroadcast/Deliver} stream from the next block to commit to "forever" (BLOCK_UNTIL_READY), signed by
 * the peer. When the stream fails (the orderer is down, a block does not verify, a status instead of a block) the
 * client waits with bounded exponential backoff, moves to the next orderer endpoint of the channel config, and resumes
 * from the ledger height, so no block is skipped or committed twice.
 */
public final class OrdererDeliverClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrdererDeliverClient.class);
    private static final int WINDOW = 16;
    private static final long MAX_UINT64 = -1L;

    /**
     * Retry settings.
     *
     * @param initialBackoff the wait after the first failure
     * @param maxBackoff the wait never grows beyond this
     */
    public record Settings(Duration initialBackoff, Duration maxBackoff) {
        public Settings {
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("deliver client backoff must be 0 < initial (" + initialBackoff
                        + ") <= max (" + maxBackoff + ")");
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMillis(100), Duration.ofSeconds(10));
        }
    }

    private final Channel channel;
    private final SigningIdentity signer;
    private final Function<String, ManagedChannel> connector;
    private final Settings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Object sleeper = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile ClientCallStreamObserver<Envelope> currentStream;

    /**
     * @param connector opens a gRPC channel to an orderer endpoint ({@code host:port}); the client shuts it down when
     *     done with it
     */
    public OrdererDeliverClient(
            Channel channel,
            SigningIdentity signer,
            Function<String, ManagedChannel> connector,
            Settings settings,
            Clock clock) {
        this.channel = channel;
        this.signer = signer;
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts pulling blocks on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread started = new Thread(this::run, "deliver-" + channel.channelId());
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    private void run() {
        Duration backoff = settings.initialBackoff();
        int endpointIndex = 0;
        while (running) {
            List<String> endpoints = channel.config().ordererEndpoints();
            if (endpoints.isEmpty()) {
                LOG.warn("[{}] channel config names no orderer endpoint; retrying in {}", channel.channelId(), backoff);
            } else {
                String endpoint = endpoints.get(Math.floorMod(endpointIndex, endpoints.size()));
                long committed = pull(endpoint);
                if (committed > 0) {
                    backoff = settings.initialBackoff();
                }
                endpointIndex++;
            }
            if (!running) {
                break;
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                    ? settings.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    /** One Deliver stream from one endpoint until it fails; returns how many blocks it delivered. */
    private long pull(String endpoint) {
        long delivered = 0;
        ManagedChannel grpc = null;
        try {
            channel.flush();
            long start = channel.nextBlockNumber();
            grpc = connector.apply(endpoint);
            BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
            AtomicBroadcastGrpc.newStub(grpc).deliver(new Receiver(inbox));
            ClientCallStreamObserver<Envelope> requests = currentStream;
            requests.onNext(seekEnvelope(start));
            LOG.info("[{}] Pulling blocks from {} starting at block {}", channel.channelId(), endpoint, start);
            while (running) {
                Object next = inbox.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                if (next instanceof Throwable error) {
                    if (running) { // else close() cancelled the stream
                        LOG.warn(
                                "[{}] deliver stream from {} failed: {}",
                                channel.channelId(),
                                endpoint,
                                error.toString());
                    }
                    break;
                }
                DeliverResponse response = (DeliverResponse) next;
                if (response.hasBlock()) {
                    // a failed commit surfaces at the next submit or flush
                    var unused = channel.submit(response.getBlock());
                    delivered++;
                    requests.request(1);
                } else {
                    LOG.warn(
                            "[{}] orderer {} ended the deliver stream with status {}",
                            channel.channelId(),
                            endpoint,
                            response.getStatus());
                    break;
                }
            }
            requests.cancel("deliver client moves on", null);
            channel.flush();
        } catch (CommitterException e) {
            LOG.warn("[{}] block from {} not committed: {}", channel.channelId(), endpoint, e.getMessage());
            flushQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (RuntimeException e) {
            LOG.warn("[{}] deliver from {} failed: {}", channel.channelId(), endpoint, e.toString());
            flushQuietly();
        } finally {
            if (grpc != null) {
                grpc.shutdownNow();
            }
        }
        return delivered;
    }

    private void flushQuietly() {
        try {
            channel.flush();
        } catch (CommitterException e) {
            LOG.warn("[{}] queued commit failed: {}", channel.channelId(), e.getMessage());
        }
    }

    /** Puts responses (and the end of the stream as a Throwable) in the inbox; asks for a window of blocks. */
    private final class Receiver implements ClientResponseObserver<Envelope, DeliverResponse> {
        private final BlockingQueue<Object> inbox;

        Receiver(BlockingQueue<Object> inbox) {
            this.inbox = inbox;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Envelope> requests) {
            requests.disableAutoRequestWithInitial(WINDOW);
            currentStream = requests;
        }

        @Override
        public void onNext(DeliverResponse response) {
            inbox.add(response);
        }

        @Override
        public void onError(Throwable t) {
            inbox.add(t);
        }

        @Override
        public void onCompleted() {
            inbox.add(new IllegalStateException("orderer closed the stream"));
        }
    }

    private Envelope seekEnvelope(long start) {
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder()
                        .setSpecified(SeekSpecified.newBuilder().setNumber(start)))
                .setStop(SeekPosition.newBuilder()
                        .setSpecified(SeekSpecified.newBuilder().setNumber(MAX_UINT64)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .build();
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        ChannelHeader header = ChannelHeader.newBuilder()
                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channel.channelId())
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        return SignedEnvelopes.sign(signer, header, nonce, seek.toByteString());
    }

    private void pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (sleeper) {
            long remaining = wait.toNanos();
            while (running && remaining > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sleeper, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
                remaining = deadline - System.nanoTime();
            }
        }
    }

    /** Stops pulling and waits for the blocks already received to be committed. */
    @Override
    public void close() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        ClientCallStreamObserver<Envelope> stream = currentStream;
        if (stream != null) {
            stream.cancel("peer stops pulling blocks", null);
        }
        Thread started = thread;
        if (started != null) {
            try {
                started.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
