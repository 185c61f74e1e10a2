package io.weft.ledger;

class RocksDbTxSimulatorTest extends TxSimulatorContractTest {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }
}
