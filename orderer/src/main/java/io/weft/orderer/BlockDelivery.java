package io.weft.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.BlockReader;
import io.weft.msp.ChannelConfig;
import io.weft.msp.Identity;
import io.weft.msp.MspException;
import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's Deliver semantics, shared by the orderer's and the peer's Deliver services: one signed SeekInfo envelope
 * in, blocks out, then a final status. Start and stop may be oldest, newest or a number; BLOCK_UNTIL_READY waits for
 * blocks not yet written, FAIL_IF_NOT_READY answers NOT_FOUND; the signer must satisfy the channel's readers policy
 * (checked again before each block, so an expired identity stops its stream).
 */
public final class BlockDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(BlockDelivery.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a Deliver service needs of a channel. */
    public interface Channel {
        BlockReader ledger();

        ChannelConfig config();

        HeightWatcher heightWatcher();
    }

    /** Where blocks and the final status go; implemented over a gRPC stream. */
    public interface Sink {
        void send(Block block);

        boolean isCancelled();
    }

    /** The final status and, for errors, why. */
    public record Outcome(Status status, String message) {}

    private final Function<String, Optional<? extends Channel>> channels;
    private final String readersPolicy;
    private final Clock clock;

    /**
     * @param readersPolicy the policy a requester must satisfy, e.g. {@code /Channel/Readers} on the orderer or
     *     {@code /Channel/Application/Readers} for the peer's {@code event/Block} ACL
     */
    public BlockDelivery(Function<String, Optional<? extends Channel>> channels, String readersPolicy, Clock clock) {
        this.channels = channels;
        this.readersPolicy = readersPolicy;
        this.clock = clock;
    }

    /** Serves one SeekInfo envelope; returns the status to send last. */
    public Outcome deliver(ParsedEnvelope envelope, Sink sink) throws InterruptedException {
        Optional<? extends Channel> found = channels.apply(envelope.channelId());
        if (found.isEmpty()) {
            return new Outcome(Status.NOT_FOUND, "channel " + envelope.channelId() + " not found");
        }
        Channel channel = found.get();
        Optional<String> denied = checkAccess(envelope, channel);
        if (denied.isPresent()) {
            return new Outcome(Status.FORBIDDEN, denied.get());
        }
        SeekInfo seek;
        try {
            seek = SeekInfo.parseFrom(envelope.payload().getData());
        } catch (InvalidProtocolBufferException e) {
            return new Outcome(Status.BAD_REQUEST, "payload is not a SeekInfo: " + e.getMessage());
        }
        BlockReader ledger = channel.ledger();
        long height = ledger.height();
        long start = position(seek.getStart(), height, 0);
        long stop = position(seek.getStop(), height, Long.MAX_VALUE);
        if (Long.compareUnsigned(stop, start) < 0) {
            return new Outcome(Status.BAD_REQUEST, "stop block " + stop + " is before start block " + start);
        }
        boolean failIfNotReady = seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
        for (long number = start; ; number++) {
            while (ledger.height() <= number) {
                if (failIfNotReady) {
                    return new Outcome(
                            Status.NOT_FOUND,
                            "block " + number + " is not yet available (height " + ledger.height() + ")");
                }
                if (sink.isCancelled()) {
                    return new Outcome(Status.SERVICE_UNAVAILABLE, "client cancelled");
                }
                channel.heightWatcher().awaitBlock(number, POLL);
            }
            if (sink.isCancelled()) {
                return new Outcome(Status.SERVICE_UNAVAILABLE, "client cancelled");
            }
            Optional<String> revoked = checkAccess(envelope, channel);
            if (revoked.isPresent()) {
                return new Outcome(Status.FORBIDDEN, revoked.get());
            }
            long wanted = number;
            Block block = ledger.getBlockByNumber(number)
                    .orElseThrow(() -> new OrdererException("block " + wanted + " below the height is missing"));
            sink.send(block);
            if (number == stop) {
                break;
            }
        }
        return new Outcome(Status.SUCCESS, "");
    }

    private static long position(SeekPosition position, long height, long whenUnset) {
        return switch (position.getTypeCase()) {
            case OLDEST -> 0;
            case NEWEST -> Math.max(0, height - 1);
            case SPECIFIED -> position.getSpecified().getNumber();
            case NEXT_COMMIT -> height;
            case TYPE_NOT_SET -> whenUnset;
        };
    }

    private Optional<String> checkAccess(ParsedEnvelope envelope, Channel channel) {
        ChannelConfig config = channel.config();
        Policy policy;
        try {
            policy = config.requirePolicy(readersPolicy);
        } catch (MspException e) {
            return Optional.of(e.getMessage());
        }
        PolicyResult result = policy.evaluate(envelope.signedData());
        if (!result.satisfied()) {
            LOG.debug("[{}] deliver request refused: {}", config.channelId(), result.explanation());
            return Optional.of("access denied by " + readersPolicy + ": " + result.explanation());
        }
        try {
            Identity creator =
                    config.msps().deserializeIdentity(envelope.signatureHeader().getCreator());
            creator.checkValidAt(clock.instant());
        } catch (MspException e) {
            return Optional.of("access denied: " + e.getMessage());
        }
        return Optional.empty();
    }
}
