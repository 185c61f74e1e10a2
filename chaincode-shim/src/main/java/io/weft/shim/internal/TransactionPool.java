package io.weft.shim.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool transactions run on: at most {@code maxConcurrency} at once, each on its own thread; a transaction
 * that finds every thread busy waits in a bounded queue (the peer's execute timeout bounds how long) and is refused
 * only when the queue is full too, so a burst beyond the thread count is smoothed rather than failed. Threads are
 * created on demand and retire when idle.
 */
public final class TransactionPool implements AutoCloseable {
    /** Transactions that may wait for a thread, as many as the Fabric Java shim's default queue. */
    public static final int DEFAULT_MAX_QUEUED = 5_000;

    private final int maxConcurrency;
    private final int maxQueued;
    private final ThreadPoolExecutor executor;

    public TransactionPool(int maxConcurrency) {
        this(maxConcurrency, DEFAULT_MAX_QUEUED);
    }

    public TransactionPool(int maxConcurrency, int maxQueued) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, got " + maxQueued);
        }
        this.maxConcurrency = maxConcurrency;
        this.maxQueued = maxQueued;
        AtomicInteger next = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                maxConcurrency,
                maxConcurrency,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(maxQueued),
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

    public int maxQueued() {
        return maxQueued;
    }

    /** Runs the task on a free thread or queues it; false when every thread is busy and the queue is full. */
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
