package io.weft.msp.internal.cryptogen;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The validity cryptogen gives every certificate: from the current time rounded to the nearest minute (halfway rounds
 * up, as Go's {@code Time.Round}) less five minutes, for 3650 days.
 */
record Validity(Instant notBefore, Instant notAfter) {
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final Duration LIFETIME = Duration.ofDays(3650);

    static Validity at(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Duration remainder = Duration.between(minute, now);
        Instant rounded = remainder.multipliedBy(2).compareTo(Duration.ofMinutes(1)) < 0
                ? minute
                : minute.plus(1, ChronoUnit.MINUTES);
        Instant notBefore = rounded.minus(BACKDATE);
        return new Validity(notBefore, notBefore.plus(LIFETIME));
    }
}
