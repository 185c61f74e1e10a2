package io.weft.ledger;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link CrashRecoveryIT}: opens the ledgers under {@code args[0]}, then commits the deterministic
 * crash workload forever, printing {@code ACK n} after block n's commit returned. The parent kills it with SIGKILL.
 */
public final class CrashCommitLoop {
    private CrashCommitLoop() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LedgerProvider provider = LedgerProvider.open(LedgerConfig.defaults(Path.of(args[0])));
        ChannelLedger ledger = provider.get(CrashWorkload.CHANNEL).orElseGet(() -> {
            TestChain chain = new TestChain(CrashWorkload.CHANNEL);
            return provider.create(chain.genesis());
        });
        TestChain chain = TestChain.resume(
                CrashWorkload.CHANNEL, ledger.height(), ledger.blockchainInfo().getCurrentBlockHash());
        out.println("READY " + ledger.height());
        while (true) {
            CommittedBlock committed = ledger.commit(ValidatedBlock.allValid(CrashWorkload.block(chain)));
            out.println("ACK " + committed.number());
        }
    }
}
