package io.weft.ledger;

class RocksDbCommitTest extends CommitContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
