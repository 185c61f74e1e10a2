package io.weft.orderer;

import java.time.Duration;

/**
 * A channel's {@code BatchSize} and {@code BatchTimeout}: a block is cut when it holds {@code maxMessageCount}
 * envelopes, when the next envelope would take it past {@code preferredMaxBytes}, or when {@code batchTimeout} has
 * passed since its first envelope. No envelope may exceed {@code absoluteMaxBytes}.
 */
public record BatchSettings(int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes, Duration batchTimeout) {
    /** Fabric's sample configtx.yaml values. */
    public static final BatchSettings FABRIC_DEFAULTS =
            new BatchSettings(500, 10L * 1024 * 1024, 2L * 1024 * 1024, Duration.ofSeconds(2));

    public BatchSettings {
        if (maxMessageCount <= 0) {
            throw new IllegalArgumentException("BatchSize.MaxMessageCount must be > 0, was " + maxMessageCount);
        }
        if (absoluteMaxBytes <= 0) {
            throw new IllegalArgumentException("BatchSize.AbsoluteMaxBytes must be > 0, was " + absoluteMaxBytes);
        }
        if (preferredMaxBytes <= 0 || preferredMaxBytes > absoluteMaxBytes) {
            throw new IllegalArgumentException(
                    "BatchSize.PreferredMaxBytes must be in (0, AbsoluteMaxBytes], was " + preferredMaxBytes);
        }
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("BatchTimeout must be > 0, was " + batchTimeout);
        }
    }
}
