package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.FakeChaincode.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.ledger.CompositeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.junit.jupiter.api.Test;

/** Every state request of the shim, served from a real ledger, and the read-write set it produces. */
class ChaincodeSupportStateTest extends ChaincodeSupportTestBase {
    private static final String CC = "mycc";

    @Test
    void getPutDelSimulateIntoFabricReadWriteSet() {
        commit(CC, s -> s.setState(CC, "a", utf8("1")));
        define(CC, Map.of("rw", tx -> {
            String a = tx.get("a");
            String missing = tx.get("missing");
            tx.put("b", "2");
            tx.del("a");
            tx.put("b", "3"); // last write wins
            return ok(a + "|" + missing + "|" + tx.get("b")); // no read-your-own-writes
        }));

        Outcome out = run(CC, "rw");

        assertThat(out.result().response().getStatus()).isEqualTo(200);
        assertThat(out.payload()).isEqualTo("1||");
        KVRWSet rw = out.ns(CC);
        assertThat(rw.getReadsList()).extracting(r -> r.getKey()).containsExactly("a", "b", "missing");
        assertThat(rw.getReads(0).getVersion().getBlockNum()).isEqualTo(1);
        assertThat(rw.getReads(2).hasVersion()).isFalse();
        assertThat(rw.getWritesList()).hasSize(2);
        assertThat(rw.getWrites(0).getKey()).isEqualTo("a");
        assertThat(rw.getWrites(0).getIsDelete()).isTrue();
        assertThat(rw.getWrites(1).getValue().toStringUtf8()).isEqualTo("3");
    }

    @Test
    void stateMetadataIsReadSortedAndWrittenOneKeyAtATime() {
        commit(CC, s -> {
            s.setState(CC, "k", utf8("v"));
            s.setStateMetadata(CC, "k", Map.of("zeta", utf8("z"), "VALIDATION_PARAMETER", utf8("policy")));
        });
        define(CC, Map.of("md", tx -> {
            StateMetadataResult md = StateMetadataResult.parseFrom(tx.ok(tx.call(
                    ChaincodeMessage.Type.GET_STATE_METADATA,
                    GetStateMetadata.newBuilder().setKey("k").build())));
            tx.ok(tx.call(
                    ChaincodeMessage.Type.PUT_STATE_METADATA,
                    PutStateMetadata.newBuilder()
                            .setKey("k")
                            .setMetadata(StateMetadata.newBuilder()
                                    .setMetakey("VALIDATION_PARAMETER")
                                    .setValue(utf8("new")))
                            .build()));
            List<String> names = new ArrayList<>();
            md.getEntriesList()
                    .forEach(e -> names.add(e.getMetakey() + "=" + e.getValue().toStringUtf8()));
            return ok(String.join(",", names));
        }));

        Outcome out = run(CC, "md");

        assertThat(out.payload()).isEqualTo("VALIDATION_PARAMETER=policy,zeta=z");
        KVRWSet rw = out.ns(CC);
        assertThat(rw.getMetadataWritesList()).hasSize(1);
        assertThat(rw.getMetadataWrites(0).getKey()).isEqualTo("k");
        assertThat(rw.getMetadataWrites(0).getEntriesList())
                .extracting(e -> e.getName() + "=" + e.getValue().toStringUtf8())
                .containsExactly("VALIDATION_PARAMETER=new");
    }

    @Test
    void rangeQueriesComeInBatchesOfOneHundredAndRecordTheRange() {
        commit(CC, s -> {
            for (int i = 0; i < 250; i++) {
                s.setState(CC, String.format("key%03d", i), utf8("v" + i));
            }
        });
        define(CC, Map.of("scan", tx -> {
            QueryResponse first = tx.range("key000", "key999");
            QueryResponse second = tx.next(first.getId());
            QueryResponse third = tx.next(first.getId());
            return ok(first.getResultsCount() + "/" + first.getHasMore() + " " + second.getResultsCount() + "/"
                    + second.getHasMore() + " " + third.getResultsCount() + "/" + third.getHasMore() + " "
                    + KV.parseFrom(third.getResults(49).getResultBytes()).getKey() + " "
                    + KV.parseFrom(first.getResults(0).getResultBytes()).getNamespace());
        }));

        Outcome out = run(CC, "scan");

        assertThat(out.payload()).isEqualTo("100/true 100/true 50/false key249 mycc");
        RangeQueryInfo info = out.ns(CC).getRangeQueriesInfo(0);
        assertThat(info.getStartKey()).isEqualTo("key000");
        assertThat(info.getEndKey()).isEqualTo("key999");
        assertThat(info.getItrExhausted()).isTrue();
        assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(250);
        assertThat(out.ns(CC).getReadsCount()).isZero();
    }

    @Test
    void closingAnIteratorEarlyRecordsTheKeysReadAheadAsFabricDoes() {
        commit(CC, s -> {
            for (int i = 0; i < 150; i++) {
                s.setState(CC, String.format("key%03d", i), utf8("v"));
            }
        });
        define(CC, Map.of("scan", tx -> {
            QueryResponse first = tx.range("", "");
            QueryResponse closed = tx.close(first.getId());
            // a closed iterator is gone; closing an unknown id is not an error
            ChaincodeMessage next = tx.call(
                    ChaincodeMessage.Type.QUERY_STATE_NEXT,
                    org.hyperledger.fabric.protos.peer.QueryStateNext.newBuilder()
                            .setId(first.getId())
                            .build());
            tx.close("no-such-iterator");
            return ok(closed.getHasMore() + " " + closed.getId().equals(first.getId()) + " " + next.getType() + " "
                    + next.getPayload().toStringUtf8());
        }));

        Outcome out = run(CC, "scan");

        assertThat(out.payload()).startsWith("false true ERROR QUERY_STATE_NEXT failed: transaction ID: ");
        assertThat(out.payload()).contains("query iterator not found");
        RangeQueryInfo info = out.ns(CC).getRangeQueriesInfo(0);
        assertThat(info.getItrExhausted()).isFalse();
        // 100 returned + the one read ahead to set has_more
        assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(101);
        assertThat(info.getEndKey()).isEqualTo("key100");
    }

    @Test
    void partialCompositeKeyRangesUseTheShimsConvention() {
        String red1 = CompositeKey.create("color", List.of("red", "1"));
        String red2 = CompositeKey.create("color", List.of("red", "2"));
        String blue = CompositeKey.create("color", List.of("blue", "1"));
        commit(CC, s -> {
            s.setState(CC, red1, utf8("a"));
            s.setState(CC, red2, utf8("b"));
            s.setState(CC, blue, utf8("c"));
            s.setState(CC, "plain", utf8("d"));
        });
        define(CC, Map.of("partial", tx -> {
            String prefix = CompositeKey.create("color", List.of("red"));
            List<String> reds = tx.rangeKeys(prefix, prefix + CompositeKey.MAX_UNICODE_RUNE);
            // the Java shim's getStateByRange("", "") sends start "\u0001": composite keys are excluded
            List<String> simple = tx.rangeKeys("\u0001", "");
            return ok(reds.size() + " " + reds.get(0).equals(red1) + " " + simple);
        }));

        assertThat(run(CC, "partial").payload()).isEqualTo("2 true [plain]");
    }

    @Test
    void paginatedRangesAnswerOnePageWithABookmark() {
        commit(CC, s -> {
            for (int i = 0; i < 25; i++) {
                s.setState(CC, String.format("k%02d", i), utf8("v"));
            }
        });
        define(CC, Map.of("page", tx -> {
            StringBuilder sb = new StringBuilder();
            String bookmark = "";
            for (int page = 0; page < 3; page++) {
                QueryResponse r = QueryResponse.parseFrom(tx.ok(tx.call(
                        ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                        GetStateByRange.newBuilder()
                                .setStartKey("k00")
                                .setEndKey("k99")
                                .setMetadata(QueryMetadata.newBuilder()
                                        .setPageSize(10)
                                        .setBookmark(bookmark)
                                        .build()
                                        .toByteString())
                                .build())));
                QueryResponseMetadata md = QueryResponseMetadata.parseFrom(r.getMetadata());
                sb.append(r.getResultsCount())
                        .append('/')
                        .append(r.getHasMore())
                        .append('/')
                        .append(md.getFetchedRecordsCount())
                        .append('/')
                        .append(md.getBookmark())
                        .append(' ');
                bookmark = md.getBookmark();
            }
            return ok(sb.toString().trim());
        }));

        assertThat(run(CC, "page").payload()).isEqualTo("10/false/10/k10 10/false/10/k20 5/false/5/");
    }

    @Test
    void writesAfterAPaginatedQueryAreRefusedAsOnFabric() {
        define(CC, Map.of("pageThenWrite", tx -> {
            tx.call(
                    ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                    GetStateByRange.newBuilder()
                            .setMetadata(QueryMetadata.newBuilder()
                                    .setPageSize(5)
                                    .build()
                                    .toByteString())
                            .build());
            ChaincodeMessage put = tx.call(
                    ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setKey("x").setValue(utf8("1")).build());
            return ok(put.getType() + " " + put.getPayload().toStringUtf8());
        }));

        assertThat(run(CC, "pageThenWrite").payload())
                .startsWith("ERROR PUT_STATE failed: transaction ID: ")
                .contains("paginated query");
    }

    @Test
    void historyIsNewestFirstAndTheJavaShimsEncodingIsAccepted() {
        commit(CC, s -> s.setState(CC, "h", utf8("one")));
        commit(CC, s -> s.setState(CC, "h", utf8("two")));
        commit(CC, s -> s.deleteState(CC, "h"));
        define(CC, Map.of("history", tx -> {
            // fabric-chaincode-shim 2.5 sends GetQueryResult{query = key} for GET_HISTORY_FOR_KEY
            QueryResponse r = QueryResponse.parseFrom(tx.ok(tx.call(
                    ChaincodeMessage.Type.GET_HISTORY_FOR_KEY,
                    GetQueryResult.newBuilder().setQuery("h").build())));
            List<String> mods = new ArrayList<>();
            for (var bytes : r.getResultsList()) {
                KeyModification m = KeyModification.parseFrom(bytes.getResultBytes());
                mods.add(m.getIsDelete() ? "deleted" : m.getValue().toStringUtf8());
            }
            return ok(String.join(",", mods) + " " + r.getHasMore());
        }));

        Outcome out = run(CC, "history");

        assertThat(out.payload()).isEqualTo("deleted,two,one false");
        assertThat(out.rwSet().getNsRwsetList()).isEmpty(); // history reads are not in the read-write set
    }

    @Test
    void unsupportedRequestsAnswerClearErrorsAndTheTransactionGoesOn() {
        define(CC, Map.of("unsupported", tx -> {
            ChaincodeMessage rich = tx.call(
                    ChaincodeMessage.Type.GET_QUERY_RESULT,
                    GetQueryResult.newBuilder().setQuery("{\"selector\":{}}").build());
            ChaincodeMessage privateGet = tx.call(
                    ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setKey("k").setCollection("secret").build());
            ChaincodeMessage hash = tx.call(
                    ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH,
                    GetState.newBuilder().setKey("k").setCollection("secret").build());
            ChaincodeMessage multiple = tx.callRaw(ChaincodeMessage.Type.GET_STATE_MULTIPLE, ByteString.EMPTY);
            tx.put("after", "errors");
            return ok(String.join(
                    "\n",
                    rich.getType() + " " + rich.getPayload().toStringUtf8(),
                    privateGet.getType() + " " + privateGet.getPayload().toStringUtf8(),
                    hash.getType() + " " + hash.getPayload().toStringUtf8(),
                    multiple.getType() + " " + multiple.getPayload().toStringUtf8()));
        }));

        Outcome out = run(CC, "unsupported");

        assertThat(out.payload().split("\n"))
                .satisfiesExactly(
                        l -> assertThat(l)
                                .startsWith("ERROR GET_QUERY_RESULT failed")
                                .contains("rich queries are not supported"),
                        l -> assertThat(l)
                                .startsWith("ERROR GET_STATE failed")
                                .contains("private data is not supported"),
                        l -> assertThat(l)
                                .startsWith("ERROR GET_PRIVATE_DATA_HASH failed")
                                .contains("private data"),
                        l -> assertThat(l)
                                .startsWith("ERROR GET_STATE_MULTIPLE failed")
                                .contains("not supported"));
        assertThat(out.ns(CC).getWritesList()).extracting(w -> w.getKey()).containsExactly("after");
    }

    @Test
    void malformedRequestPayloadsAnswerErrorWithoutEndingTheStream() {
        define(CC, Map.of("garbage", tx -> {
            ChaincodeMessage bad = tx.callRaw(ChaincodeMessage.Type.GET_STATE, utf8("\u00ff\u00ff\u00ff"));
            ChaincodeMessage noMetadata = tx.call(
                    ChaincodeMessage.Type.PUT_STATE_METADATA,
                    PutStateMetadata.newBuilder().setKey("k").build());
            ChaincodeMessage emptyKey = tx.call(
                    ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setValue(utf8("v")).build());
            tx.put("still", "works");
            return ok(bad.getType() + " " + bad.getPayload().toStringUtf8().contains("unmarshal failed") + " "
                    + noMetadata.getType() + " " + emptyKey.getType());
        }));

        Outcome out = run(CC, "garbage");

        assertThat(out.payload()).isEqualTo("ERROR true ERROR ERROR");
        assertThat(out.ns(CC).getWritesCount()).isEqualTo(1);
    }
}
