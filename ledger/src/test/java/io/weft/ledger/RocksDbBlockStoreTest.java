package io.weft.ledger;

class RocksDbBlockStoreTest extends BlockStoreContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
