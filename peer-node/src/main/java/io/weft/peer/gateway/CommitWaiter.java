package io.weft.peer.gateway;

import io.weft.ledger.CommitListener;
import io.weft.ledger.CommittedBlock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Completes CommitStatus waiters of one channel when their transaction commits. */
final class CommitWaiter implements CommitListener {
    /** A committed transaction's outcome. */
    record Outcome(TxValidationCode code, long blockNumber) {}

    private final Map<String, List<CompletableFuture<Outcome>>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<Outcome> register(String txId) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        waiting.computeIfAbsent(txId, id -> new CopyOnWriteArrayList<>()).add(future);
        return future;
    }

    void forget(String txId, CompletableFuture<Outcome> future) {
        waiting.computeIfPresent(txId, (id, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void onBlockCommitted(CommittedBlock block) {
        long number = block.block().getHeader().getNumber();
        List<String> txIds = block.txIds();
        for (int i = 0; i < txIds.size(); i++) {
            List<CompletableFuture<Outcome>> futures = waiting.remove(txIds.get(i));
            if (futures != null) {
                Outcome outcome = new Outcome(block.codes().get(i), number);
                futures.forEach(f -> f.complete(outcome));
            }
        }
    }
}
