package io.weft.peer.chaincode;

import java.time.Duration;

/**
 * The end of a chaincode build, {@code chaincode.installTimeout} after it began (on the monotonic clock).
 *
 * @param timeout the configured bound, for messages
 * @param endNanos {@link System#nanoTime()} at which the build must be done
 */
record BuildDeadline(Duration timeout, long endNanos) {
    static BuildDeadline after(Duration timeout) {
        return new BuildDeadline(timeout, System.nanoTime() + timeout.toNanos());
    }

    /** What is left, zero once passed. */
    Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** The error for a build of {@code packageId} that did not finish in time; {@code what} was stopped. */
    ChaincodeException expired(String packageId, String what) {
        return new ChaincodeException("building chaincode package " + packageId + " took longer than"
                + " chaincode.installTimeout (" + timeout.toMillis() + " ms): " + what);
    }
}
