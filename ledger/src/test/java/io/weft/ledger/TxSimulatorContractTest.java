package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.Test;

/** Contract of {@link TxSimulator}: the read-write set follows Fabric's rules byte for byte. */
public abstract class TxSimulatorContractTest extends LedgerTestBase {

    private static KVRWSet kv(TxSimulationResults results, String namespace) {
        try {
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(results.bytes()).getNsRwsetList()) {
                if (ns.getNamespace().equals(namespace)) {
                    return KVRWSet.parseFrom(ns.getRwset());
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no namespace " + namespace);
    }

    @Test
    void readsCarryTheCommittedVersionAndAbsentKeysNoVersion() {
        put("cc", "present", "v"); // block 1, tx 0
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.getState("cc", "present");
            sim.getState("cc", "absent");
            KVRWSet kv = kv(sim.results(), "cc");
            assertThat(kv.getReadsList())
                    .containsExactly(
                            KVRead.newBuilder().setKey("absent").build(),
                            KVRead.newBuilder()
                                    .setKey("present")
                                    .setVersion(new Version(1, 0).toProto())
                                    .build());
            assertThat(kv.getReads(0).hasVersion()).isFalse();
        }
    }

    @Test
    void readsDoNotSeeTheTransactionsOwnWrites() {
        put("cc", "k", "committed");
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.setState("cc", "k", bytes("mine"));
            sim.setState("cc", "new", bytes("mine"));
            assertThat(sim.getState("cc", "k")).contains(bytes("committed"));
            assertThat(sim.getState("cc", "new")).isEmpty();
        }
    }

    @Test
    void lastWriteWinsAndEverythingIsSortedByUtf8Bytes() {
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.setState("zz", "k", bytes("1"));
            sim.setState("cc", "a\uD83D\uDE00", bytes("1"));
            sim.setState("cc", "a\uFFFD", bytes("1"));
            sim.setState("cc", "b", bytes("first"));
            sim.setState("cc", "b", bytes("second"));
            sim.deleteState("cc", "gone");
            sim.setState("cc", "empty", com.google.protobuf.ByteString.EMPTY);
            TxSimulationResults results = sim.results();
            assertThat(results.rwSet().getNsRwsetList())
                    .extracting(NsReadWriteSet::getNamespace)
                    .containsExactly("cc", "zz");
            assertThat(kv(results, "cc").getWritesList())
                    .containsExactly(
                            KVWrite.newBuilder()
                                    .setKey("a\uFFFD")
                                    .setValue(bytes("1"))
                                    .build(),
                            KVWrite.newBuilder()
                                    .setKey("a\uD83D\uDE00")
                                    .setValue(bytes("1"))
                                    .build(),
                            KVWrite.newBuilder()
                                    .setKey("b")
                                    .setValue(bytes("second"))
                                    .build(),
                            KVWrite.newBuilder()
                                    .setKey("empty")
                                    .setIsDelete(true)
                                    .build(),
                            KVWrite.newBuilder()
                                    .setKey("gone")
                                    .setIsDelete(true)
                                    .build());
            assertThat(results.hasWrites()).isTrue();
            assertThat(results.rwSet().toByteString()).isEqualTo(results.bytes());
        }
    }

    @Test
    void exhaustedRangeQueryRecordsOriginalEndKeyAndAllReads() {
        commit(chain.writes("tx1", "cc", Map.of("k1", "1", "k2", "2", "k9", "9")));
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            keys(sim.getStateRangeScanIterator("cc", "k1", "k5"));
            RangeQueryInfo rqi = kv(sim.results(), "cc").getRangeQueriesInfo(0);
            assertThat(rqi.getStartKey()).isEqualTo("k1");
            assertThat(rqi.getEndKey()).isEqualTo("k5");
            assertThat(rqi.getItrExhausted()).isTrue();
            assertThat(rqi.getRawReads().getKvReadsList())
                    .extracting(KVRead::getKey)
                    .containsExactly("k1", "k2");
            assertThat(kv(sim.results(), "cc").getReadsList()).isEmpty();
        }
    }

    @Test
    void partiallyConsumedRangeQueryRecordsLastReturnedKeyAsEnd() {
        commit(chain.writes("tx1", "cc", Map.of("k1", "1", "k2", "2", "k3", "3")));
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            try (ResultsIterator<KeyValue> it = sim.getStateRangeScanIterator("cc", "", "")) {
                it.next();
                it.next();
            }
            RangeQueryInfo rqi = kv(sim.results(), "cc").getRangeQueriesInfo(0);
            assertThat(rqi.getEndKey()).isEqualTo("k2");
            assertThat(rqi.getItrExhausted()).isFalse();
        }
    }

    @Test
    void rangeQueriesAreRecordedInCallOrder() {
        commit(chain.writes("tx1", "cc", Map.of("a", "1", "b", "2")));
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            keys(sim.getStateRangeScanIterator("cc", "b", ""));
            keys(sim.getStateRangeScanIterator("cc", "a", "b"));
            assertThat(kv(sim.results(), "cc").getRangeQueriesInfoList())
                    .extracting(RangeQueryInfo::getStartKey)
                    .containsExactly("b", "a");
        }
    }

    @Test
    void aTransactionThatPaginatesMayNotWrite() {
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.getStateRangePage("cc", "", "", 10, "");
            assertThatThrownBy(() -> sim.setState("cc", "k", bytes("v")))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("paginated");
        }
        try (TxSimulator sim = ledger.newTxSimulator("t2")) {
            sim.setState("cc", "k", bytes("v"));
            assertThatThrownBy(() -> sim.getStateRangePage("cc", "", "", 10, ""))
                    .hasMessageContaining("paginated");
        }
    }

    @Test
    void refusesEmptyKeysLoneSurrogatesAndQueryExecutorWrites() {
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            assertThatThrownBy(() -> sim.setState("cc", "", bytes("v"))).hasMessageContaining("empty");
            assertThatThrownBy(() -> sim.setState("cc", "bad\uD800", bytes("v")))
                    .hasMessageContaining("UTF-8");
        }
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThatThrownBy(() -> ((TxSimulator) q).setState("cc", "k", bytes("v")))
                    .hasMessageContaining("cannot write");
        }
    }

    @Test
    void metadataWritesAndGetMetadataReads() {
        put("cc", "k", "v");
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.getStateMetadata("cc", "k");
            sim.setStateMetadata("cc", "k", Map.of("b", bytes("2"), "a", bytes("1")));
            KVRWSet kv = kv(sim.results(), "cc");
            assertThat(kv.getReadsList()).extracting(KVRead::getKey).containsExactly("k");
            assertThat(kv.getMetadataWrites(0).getEntriesList())
                    .extracting(e -> e.getName())
                    .containsExactly("a", "b");
        }
    }

    @Test
    void aReadOnlySimulationHasNoWrites() {
        try (TxSimulator sim = ledger.newTxSimulator("t")) {
            sim.getStateMultipleKeys("cc", List.of("x", "y"));
            assertThat(sim.results().hasWrites()).isFalse();
            assertThat(kv(sim.results(), "cc").getReadsCount()).isEqualTo(2);
        }
    }
}
