package io.weft.shim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransactionPoolTest {
    @Test
    void queuesBeyondTheThreadsAndRefusesOnlyWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocked = () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
            done.countDown();
        };
        try (TransactionPool pool = new TransactionPool(2, 1)) {
            assertThat(pool.trySubmit(blocked)).isTrue();
            assertThat(pool.trySubmit(blocked)).isTrue();
            assertThat(pool.trySubmit(blocked)).as("waits in the queue").isTrue();
            assertThat(pool.trySubmit(blocked))
                    .as("threads busy and queue full")
                    .isFalse();

            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasValue(3);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new TransactionPool(0)).hasMessageContaining("maxConcurrency");
        assertThatThrownBy(() -> new TransactionPool(1, 0)).hasMessageContaining("maxQueued");
    }
}
