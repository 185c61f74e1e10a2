package io.weft.peer.chaincode;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads of chaincode support, created (named and bounded) by the composition root.
 *
 * @param requests serves shim requests (ledger reads and writes of running transactions); bounded queue, a full queue
 *     answers the request with ERROR
 * @param launches runs {@link ChaincodeRuntime#start} (may block for an image build) and stops
 * @param timer execute and startup timeouts, keepalives; a cancelled timeout is removed from its queue at once (every
 *     transaction schedules one and cancels it when it completes, so they would otherwise pile up for
 *     {@code chaincode.executetimeout})
 */
public record ChaincodeExecutors(Executor requests, Executor launches, ScheduledExecutorService timer) {
    public ChaincodeExecutors {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(launches, "launches");
        Objects.requireNonNull(timer, "timer");
        if (timer instanceof java.util.concurrent.ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true);
        }
    }
}
