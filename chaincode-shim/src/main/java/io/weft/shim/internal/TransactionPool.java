package io.weft.shim.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool transactions run on: at most {@code maxConcurrency} at once, each on its own thread; a transaction
 * that finds every thread busy is refused at once rather than queued. Threads are created on demand and retire when
 * idle.
 */
public final class TransactionPool implements AutoCloseable {
    private final int maxConcurrency;
    private final ThreadPoolExecutor executor;

    public TransactionPool(int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
        AtomicInteger next = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                maxConcurrency,
                maxConcurrency,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "weft-chaincode-tx-" + next.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Runs the task on a free thread; false when all {@link #maxConcurrency()} threads are busy. */
    boolean trySubmit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Stops accepting transactions; running ones finish on their own. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
