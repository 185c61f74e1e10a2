package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;

/** Damaged stores are reported with channel and block on open, never read silently. */
class RocksDbRecoveryTest extends LedgerTestBase {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }

    private void commitThreeBlocksAndClose() {
        for (int i = 0; i < 3; i++) {
            commit(chain.writes("tx" + i, "cc", Map.of("k", "v" + i)));
        }
        provider.close();
    }

    @Test
    void aTruncatedBlockStoreIsAnErrorNamingChannelAndBlock() throws Exception {
        commitThreeBlocksAndClose();
        try (RawStore raw = new RawStore(dir, "mychannel")) {
            raw.deleteBlock(3);
        }
        provider = openProvider(config());
        assertThatThrownBy(() -> provider.get("mychannel"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("channel mychannel")
                .hasMessageContaining("block 3 is missing");
    }

    @Test
    void aCorruptLastBlockIsAnErrorNamingChannelAndBlock() throws Exception {
        commitThreeBlocksAndClose();
        try (RawStore raw = new RawStore(dir, "mychannel")) {
            raw.putBlock(3, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
        }
        provider = openProvider(config());
        assertThatThrownBy(() -> provider.get("mychannel"))
                .hasMessageContaining("channel mychannel")
                .hasMessageContaining("block 3 is corrupt");
    }

    @Test
    void anEditedLastBlockNoLongerMatchesTheRecordedHash() throws Exception {
        commitThreeBlocksAndClose();
        try (RawStore raw = new RawStore(dir, "mychannel")) {
            Block b = Block.parseFrom(raw.getBlock(3));
            Block edited = b.toBuilder()
                    .setHeader(b.getHeader().toBuilder()
                            .setNumber(3)
                            .setDataHash(com.google.protobuf.ByteString.copyFrom(new byte[32])))
                    .build();
            raw.putBlock(3, edited.toByteArray());
        }
        provider = openProvider(config());
        assertThatThrownBy(() -> provider.get("mychannel"))
                .hasMessageContaining("channel mychannel: block 3 does not hash");
    }

    @Test
    void aSavepointBehindTheBlocksIsReported() throws Exception {
        commitThreeBlocksAndClose();
        try (RawStore raw = new RawStore(dir, "mychannel")) {
            raw.putSavepoint(2);
        }
        provider = openProvider(config());
        assertThatThrownBy(() -> provider.get("mychannel")).hasMessageContaining("savepoint 2 does not match block 3");
        // the operator's way out: rebuild from the blocks
        provider.close();
        LedgerMaintenance.of(config()).rebuild("mychannel");
        provider = openProvider(config());
        assertThat(provider.get("mychannel").orElseThrow().height()).isEqualTo(4);
    }
}
