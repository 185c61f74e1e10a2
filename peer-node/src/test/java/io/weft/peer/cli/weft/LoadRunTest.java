package io.weft.peer.cli.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadRunTest {
    private static final long MS = 1_000_000L;

    @Test
    void measuresOnlyCallsStartedInTheWindowAndCountsFailuresByMessage() throws Exception {
        AtomicLong clock = new AtomicLong();
        LoadRun run = new LoadRun(1, Duration.ofMillis(100), Duration.ofSeconds(1), clock::get);

        LoadRun.Result result = run.run((caller, sequence) -> {
            // the n-th call takes n % 10 + 1 ms; every 20th fails
            clock.addAndGet((sequence % 10 + 1) * MS);
            if (sequence % 20 == 19) {
                throw new IllegalStateException("committed as MVCC_READ_CONFLICT\nmore detail");
            }
        });

        // calls of 1..10 ms take 55 ms per ten; warm-up ends after call 19 (at 110 ms) ... window closes at 1100 ms
        long measuredCalls = result.completed() + result.failed();
        assertThat(measuredCalls).isBetween(175L, 185L);
        assertThat(result.failures()).containsOnlyKeys("committed as MVCC_READ_CONFLICT");
        assertThat(result.failed()).isBetween(8L, 10L);
        assertThat(result.perSecond()).isEqualTo(result.completed() / 1.0);
        assertThat(result.latency(0.0)).isEqualTo(Duration.ofMillis(1));
        assertThat(result.latency(0.5)).isBetween(Duration.ofMillis(5), Duration.ofMillis(6));
        assertThat(result.latency(1.0)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void everyCallerRunsConcurrently() throws Exception {
        LoadRun run = new LoadRun(8, Duration.ZERO, Duration.ofMillis(300), System::nanoTime);
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        LoadRun.Result result = run.run((caller, sequence) -> {
            seen.add(caller);
            Thread.sleep(5);
        });

        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(result.failed()).isZero();
        assertThat(result.latency(0.5)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
    }

    @Test
    void emptyResultHasZeroLatencyAndVaryingPartsOfFailuresAreMerged() {
        LoadRun.Result empty = new LoadRun.Result(new long[0], java.util.Map.of(), Duration.ofSeconds(1));
        assertThat(empty.latency(0.99)).isEqualTo(Duration.ZERO);
        assertThat(LoadRun.describe(new IllegalStateException("asset bench-x1-s3-17 exists")))
                .isEqualTo(LoadRun.describe(new IllegalStateException("asset bench-x1-s4-2 exists")));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new LoadRun(0, Duration.ZERO, Duration.ofSeconds(1), System::nanoTime))
                .hasMessageContaining("callers");
        assertThatThrownBy(() -> new LoadRun(1, Duration.ZERO, Duration.ZERO, System::nanoTime))
                .hasMessageContaining("duration");
    }

    @Test
    void durationsReadAsOperatorsWriteThem() {
        BenchCommand.DurationConverter converter = new BenchCommand.DurationConverter();
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("7")).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("30s");
    }
}
