package io.weft.peer.cli.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Drives one operation from N concurrent callers, each calling it back to back (a closed loop) for a warm-up and then
 * a measured window. Only calls that start inside the window are measured; a failed call counts under its message.
 */
final class LoadRun {
    /** One call made by a caller; a thrown exception is a failure. */
    @FunctionalInterface
    interface Operation {
        void call(int caller, long sequence) throws Exception;
    }

    /** What the measured window saw. */
    record Result(long[] sortedLatencyNanos, Map<String, Long> failures, Duration window) {
        long completed() {
            return sortedLatencyNanos.length;
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return completed() / (window.toNanos() / 1e9);
        }

        /** The latency at quantile {@code q} (0..1), nearest-rank; zero when nothing completed. */
        Duration latency(double q) {
            if (sortedLatencyNanos.length == 0) {
                return Duration.ZERO;
            }
            int rank = (int) Math.ceil(q * sortedLatencyNanos.length);
            return Duration.ofNanos(sortedLatencyNanos[Math.max(0, Math.min(rank, sortedLatencyNanos.length) - 1)]);
        }
    }

    private final int callers;
    private final Duration warmup;
    private final Duration window;
    private final LongSupplier nanoClock;

    LoadRun(int callers, Duration warmup, Duration window, LongSupplier nanoClock) {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be at least 1, was " + callers);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the measured duration must be positive, was " + window);
        }
        this.callers = callers;
        this.warmup = warmup;
        this.window = window;
        this.nanoClock = nanoClock;
    }

    Result run(Operation operation) throws InterruptedException {
        long start = nanoClock.getAsLong();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, namedThreads());
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int id = caller;
                futures.add(pool.submit(() -> callRepeatedly(id, operation, measureFrom, measureUntil, failures)));
            }
            for (Future<long[]> future : futures) {
                try {
                    latencies.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a caller stopped: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> failed = new java.util.TreeMap<>();
        failures.forEach((message, count) -> failed.put(message, count.sum()));
        return new Result(all, failed, window);
    }

    private long[] callRepeatedly(
            int caller, Operation operation, long measureFrom, long measureUntil, Map<String, LongAdder> failures) {
        long[] latencies = new long[1024];
        int count = 0;
        for (long sequence = 0; ; sequence++) {
            long begin = nanoClock.getAsLong();
            if (begin >= measureUntil || Thread.currentThread().isInterrupted()) {
                return Arrays.copyOf(latencies, count);
            }
            boolean measured = begin >= measureFrom;
            try {
                operation.call(caller, sequence);
            } catch (Exception e) {
                if (measured) {
                    failures.computeIfAbsent(describe(e), k -> new LongAdder()).increment();
                }
                continue;
            }
            if (measured) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = nanoClock.getAsLong() - begin;
            }
        }
    }

    /** The first line of a failure, without the varying parts that would split one cause into many. */
    static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.strip().lines().findFirst().orElse("");
        return first.replaceAll("[0-9a-f]{64}", "<txid>").replaceAll("bench-[0-9a-z-]+", "<key>");
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "bench-caller-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
