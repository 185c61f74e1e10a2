package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Contract of {@link BlockReader} and the chain rules of {@link BlockCommitter}. */
public abstract class BlockStoreContractTest extends LedgerTestBase {

    @Test
    void genesisGivesHeightOneAndItsHeaderHash() {
        Block genesis = ledger.getBlockByNumber(0).orElseThrow();
        assertThat(ledger.height()).isEqualTo(1);
        assertThat(ledger.blockchainInfo().getHeight()).isEqualTo(1);
        assertThat(ledger.blockchainInfo().getCurrentBlockHash().toByteArray())
                .isEqualTo(BlockHashes.headerHash(genesis.getHeader()));
        assertThat(ledger.blockchainInfo().getPreviousBlockHash()).isEmpty();
        assertThat(ledger.channelId()).isEqualTo("mychannel");
    }

    @Test
    void readsBlocksByNumberHashAndTxId() {
        commit(chain.writes("tx1", "cc", Map.of("a", "1")), chain.writes("tx2", "cc", Map.of("b", "2")));
        Block b1 = ledger.getBlockByNumber(1).orElseThrow();
        assertThat(ledger.getBlockByHash(BlockHashes.headerHash(b1.getHeader())))
                .contains(b1);
        assertThat(ledger.getBlockByTxId("tx2")).contains(b1);
        assertThat(ledger.getTransactionById("tx2")
                        .orElseThrow()
                        .getTransactionEnvelope()
                        .toByteString())
                .isEqualTo(b1.getData().getData(1));
        assertThat(ledger.getTransactionById("tx2").orElseThrow().getValidationCode())
                .isEqualTo(TxValidationCode.VALID_VALUE);
        assertThat(ledger.getBlockByNumber(2)).isEmpty();
        assertThat(ledger.getBlockByTxId("nope")).isEmpty();
        assertThat(ledger.getBlockByHash(new byte[32])).isEmpty();
        assertThat(ledger.blockchainInfo().getPreviousBlockHash().toByteArray())
                .isEqualTo(BlockHashes.headerHash(
                        ledger.getBlockByNumber(0).orElseThrow().getHeader()));
    }

    @Test
    void storedBlockCarriesTransactionsFilterAsRawBytes() {
        CommittedBlock committed = commitWithCodes(
                List.of(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE),
                chain.writes("tx1", "cc", Map.of("a", "1")),
                chain.writes("tx2", "cc", Map.of("b", "2")));
        Block stored = ledger.getBlockByNumber(1).orElseThrow();
        ByteString filter = stored.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        assertThat(filter.toByteArray()).containsExactly(0, 10);
        assertThat(stored.getMetadata().getMetadataCount()).isEqualTo(5);
        assertThat(committed.block()).isEqualTo(stored);
        assertThat(ledger.getTxValidationCode("tx2")).contains(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(get("cc", "b")).isNull();
    }

    @Test
    void txStatusGivesTheCodeAndBlockOfTheFirstOccurrenceFromTheIndex() {
        commit(chain.writes("first", "cc", Map.of("a", "1")));
        commitWithCodes(
                List.of(TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.VALID),
                chain.writes("second", "cc", Map.of("b", "1")),
                chain.writes("first", "cc", Map.of("c", "1")));
        assertThat(ledger.getTxStatus("first")).contains(new TxStatus(TxValidationCode.VALID, 1));
        assertThat(ledger.getTxStatus("second")).contains(new TxStatus(TxValidationCode.MVCC_READ_CONFLICT, 2));
        assertThat(ledger.getTxStatus("never")).isEmpty();
    }

    @Test
    void refusesBlockWithWrongNumber() {
        chain.blockOf(chain.writes("skipped", "cc", Map.of("a", "1")));
        Block b2 = chain.blockOf(chain.writes("tx", "cc", Map.of("a", "1")));
        assertThatThrownBy(() -> ledger.commit(ValidatedBlock.allValid(b2)))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("mychannel")
                .hasMessageContaining("cannot commit block 2, expected block 1");
        assertThat(ledger.height()).isEqualTo(1);
    }

    @Test
    void refusesBlockWithWrongPreviousHash() {
        Block good = chain.blockOf(chain.writes("tx", "cc", Map.of("a", "1")));
        Block bad = good.toBuilder()
                .setHeader(good.getHeader().toBuilder().setPreviousHash(ByteString.copyFrom(new byte[32])))
                .build();
        assertThatThrownBy(() -> ledger.commit(ValidatedBlock.allValid(bad)))
                .hasMessageContaining("previous hash does not match the hash of block 0");
    }

    @Test
    void refusesBlockWhoseDataHashDoesNotMatch() {
        Block good = chain.blockOf(chain.writes("tx", "cc", Map.of("a", "1")));
        Block bad = good.toBuilder()
                .setData(good.getData().toBuilder().addData(ByteString.copyFromUtf8("extra")))
                .build();
        assertThatThrownBy(() ->
                        ledger.commit(new ValidatedBlock(bad, List.of(TxValidationCode.VALID, TxValidationCode.VALID))))
                .hasMessageContaining("data hash does not match");
    }

    @Test
    void refusesCodesThatDoNotMatchTheTransactions() {
        Block block = chain.blockOf(chain.writes("tx", "cc", Map.of("a", "1")));
        assertThatThrownBy(() -> new ValidatedBlock(block, List.of()))
                .hasMessageContaining("1 transactions but 0 validation codes");
        assertThatThrownBy(() -> new ValidatedBlock(block, List.of(TxValidationCode.NOT_VALIDATED)))
                .hasMessageContaining("NOT_VALIDATED");
    }

    @Test
    void blocksFromIteratesCommittedBlocksInOrder() {
        commit(chain.writes("tx1", "cc", Map.of("a", "1")));
        commit(chain.writes("tx2", "cc", Map.of("a", "2")));
        List<Long> numbers = new ArrayList<>();
        try (ResultsIterator<Block> it = ledger.blocksFrom(1)) {
            it.forEachRemaining(b -> numbers.add(b.getHeader().getNumber()));
        }
        assertThat(numbers).containsExactly(1L, 2L);
    }

    @Test
    void everyStoredBlockChainsToThePreviousHeaderHash() {
        for (int i = 0; i < 5; i++) {
            commit(chain.writes("tx" + i, "cc", Map.of("k", "v" + i)));
        }
        for (long n = 1; n < ledger.height(); n++) {
            Block prev = ledger.getBlockByNumber(n - 1).orElseThrow();
            Block block = ledger.getBlockByNumber(n).orElseThrow();
            assertThat(block.getHeader().getPreviousHash().toByteArray())
                    .isEqualTo(BlockHashes.headerHash(prev.getHeader()));
        }
    }

    @Test
    void commitListenersSeeEachCommittedBlockWithFinalCodes() {
        List<CommittedBlock> seen = new ArrayList<>();
        ledger.addCommitListener(seen::add);
        commit(chain.writes("tx1", "cc", Map.of("a", "1")), chain.writes("tx1", "cc", Map.of("a", "2")));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).number()).isEqualTo(1);
        assertThat(seen.get(0).codes()).containsExactly(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID);
        assertThat(seen.get(0).txIds()).containsExactly("tx1", "tx1");
    }

    @Test
    void appendStoresBlocksAsGivenWithoutTouchingState() {
        Block block = chain.block(List.of(chain.writes("tx1", "cc", Map.of("a", "1"))));
        ledger.append(block);
        assertThat(ledger.height()).isEqualTo(2);
        assertThat(ledger.getBlockByNumber(1)).contains(block);
        assertThat(ledger.getBlockByTxId("tx1")).contains(block);
        assertThat(ledger.getTxValidationCode("tx1")).contains(TxValidationCode.NOT_VALIDATED);
        try (QueryExecutor query = ledger.newQueryExecutor()) {
            assertThat(query.getState("cc", "a")).isEmpty();
        }
        Block stale = chain.block(List.of(chain.writes("tx2", "cc", Map.of("b", "2"))));
        Block wrongNumber = stale.toBuilder()
                .setHeader(stale.getHeader().toBuilder().setNumber(5))
                .build();
        assertThatThrownBy(() -> ledger.append(wrongNumber)).hasMessageContaining("expected block 2");
    }
}
