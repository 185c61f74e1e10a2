package io.weft.ledger;

class RocksDbQueryExecutorTest extends QueryExecutorContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
