package io.weft.ledger;

class RocksDbLedgerProviderTest extends LedgerProviderContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
