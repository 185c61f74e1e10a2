package io.weft.ledger;

/** Fabric's height of a committed write: (block number, index of the transaction in that block). */
public record Version(long blockNum, long txNum) implements Comparable<Version> {
    public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(blockNum)
                .setTxNum(txNum)
                .build();
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compareUnsigned(blockNum, o.blockNum);
        return c != 0 ? c : Long.compareUnsigned(txNum, o.txNum);
    }
}
