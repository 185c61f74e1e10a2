package io.weft.orderer;

import io.weft.ledger.BlockReader;
import io.weft.ledger.CommitListener;
import io.weft.ledger.CommittedBlock;
import java.time.Duration;

/** Lets Deliver streams wait for a channel's ledger to grow; registered as the ledger's commit listener. */
public final class HeightWatcher implements CommitListener {
    private final BlockReader ledger;
    private final Object lock = new Object();

    public HeightWatcher(BlockReader ledger) {
        this.ledger = ledger;
    }

    @Override
    public void onBlockCommitted(CommittedBlock block) {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Waits until the ledger holds block {@code number} or the timeout passes.
     *
     * @return true when the block is there
     */
    public boolean awaitBlock(long number, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (ledger.height() <= number) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }
}
