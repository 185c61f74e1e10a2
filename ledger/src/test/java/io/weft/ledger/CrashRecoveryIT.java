package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it commits blocks in a loop, many times, and checks after every restart that
 * the ledger equals a replay of blocks 0..acked (or 0..acked+1 when the kill hit after the write but before the ACK):
 * same height, hashes, state, history, codes. Seed printed on failure; rerun with -Dweft.crash.seed=....
 */
class CrashRecoveryIT {
    private static final int ROUNDS = Integer.getInteger("weft.crash.rounds", 25);

    @TempDir
    Path crashed;

    @TempDir
    Path reference;

    @Test
    void aKilledCommitterRecoversToExactlyTheAcknowledgedBlockOrTheNextOne() throws Exception {
        long seed = Long.getLong("weft.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        try (LedgerProvider refProvider = LedgerProvider.open(LedgerConfig.defaults(reference))) {
            TestChain refChain = new TestChain(CrashWorkload.CHANNEL);
            ChannelLedger ref = refProvider.create(refChain.genesis());
            long lastAcked = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int acksBeforeKill = 1 + random.nextInt(6);
                long extraDelayNanos = random.nextInt(8_000_000);
                long acked = runAndKill(round, acksBeforeKill, extraDelayNanos);
                lastAcked = Math.max(lastAcked, acked);
                try (LedgerProvider provider = LedgerProvider.open(LedgerConfig.defaults(crashed))) {
                    ChannelLedger ledger = provider.get(CrashWorkload.CHANNEL).orElseThrow();
                    long lastBlock = ledger.height() - 1;
                    assertThat(lastBlock)
                            .as("seed %d round %d: last block vs last ACK %d", seed, round, lastAcked)
                            .isBetween(lastAcked, lastAcked + 1);
                    while (ref.height() < ledger.height()) {
                        ref.commit(ValidatedBlock.allValid(CrashWorkload.block(refChain)));
                    }
                    assertThat(describe(ledger))
                            .as("seed %d round %d", seed, round)
                            .isEqualTo(describe(ref));
                    lastAcked = lastBlock;
                }
            }
        }
    }

    /** Starts the child, waits for a few ACKs and a random moment more, kills it; returns the last ACKed block. */
    private long runAndKill(int round, int acksBeforeKill, long extraDelayNanos)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        CrashCommitLoop.class.getName(),
                        crashed.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long acked = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int acks = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY") && round == 0) {
                    assertThatThrownBy(() -> LedgerProvider.open(LedgerConfig.defaults(crashed)))
                            .isInstanceOf(LedgerException.class)
                            .hasMessageContaining("in use by another process");
                }
                if (line.startsWith("ACK ")) {
                    acked = Long.parseLong(line.substring(4));
                    if (++acks == acksBeforeKill) {
                        break;
                    }
                }
            }
            // fault injection: let the child run into the middle of a later commit before the kill
            LockSupport.parkNanos(extraDelayNanos);
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe, losing ACKs
            // the child printed just before it died
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked = Long.parseLong(line.substring(4));
                }
            }
        }
        assertThat(acked).as("child acknowledged no block in round %d", round).isGreaterThanOrEqualTo(0);
        return acked;
    }

    private static String describe(ChannelLedger ledger) {
        StringBuilder sb = new StringBuilder();
        sb.append("height=").append(ledger.height()).append('\n');
        sb.append("info=").append(ledger.blockchainInfo()).append('\n');
        sb.append("last=")
                .append(ledger.getBlockByNumber(ledger.height() - 1)
                        .orElseThrow()
                        .hashCode())
                .append('\n');
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            q.getStateRangeScanIterator("cc", "", "").forEachRemaining(kv -> sb.append(kv.key())
                    .append('=')
                    .append(kv.value().toStringUtf8())
                    .append(' '));
        }
        sb.append('\n');
        for (int i = 0; i < CrashWorkload.KEYS; i++) {
            List<String> h = new ArrayList<>();
            try (ResultsIterator<KeyModification> it =
                    ledger.historyReader().getHistoryForKey("cc", CrashWorkload.key(i))) {
                it.forEachRemaining(m -> h.add(m.getTxId()
                        + (m.getIsDelete() ? "(del)" : "=" + m.getValue().toStringUtf8())));
            }
            sb.append(CrashWorkload.key(i)).append(h).append('\n');
        }
        for (long n = 1; n < ledger.height(); n++) {
            sb.append(n)
                    .append(':')
                    .append(ledger.getTxValidationCode("b" + n + "t1").orElse(null))
                    .append(' ');
        }
        return sb.toString();
    }
}
