package io.weft.ledger;

class RocksDbHistoryReaderTest extends HistoryReaderContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
