package io.weft.ledger;

/** Told after each block is durably committed, on the committing thread; must not block. */
@FunctionalInterface
public interface CommitListener {
    void onBlockCommitted(CommittedBlock block);
}
