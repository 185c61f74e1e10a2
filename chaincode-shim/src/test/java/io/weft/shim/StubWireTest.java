package io.weft.shim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every stub call sends the message type and payload encoding fabric-chaincode-shim sends (checked field by field
 * against InvocationStubImpl and ChaincodeMessageFactory), and decodes the peer's answer.
 */
class StubWireTest {
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private FakePeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new FakePeer();
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
    }

    /** Runs the body as the transaction; its string result becomes the COMPLETED payload. */
    private void run(Function<ChaincodeStub, String> body) throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(
                String.valueOf(body.apply(stub)).getBytes(UTF_8))));
        peer.transaction("tx1", "fn", "arg");
    }

    private String completedPayload() throws Exception {
        Response response = peer.expectCompleted("tx1");
        assertThat(response.getStatus()).as(response.getMessage()).isEqualTo(200);
        return response.getPayload().toStringUtf8();
    }

    private static ByteString kv(String key, String value) {
        return KV.newBuilder()
                .setNamespace("cc")
                .setKey(key)
                .setValue(ByteString.copyFromUtf8(value))
                .build()
                .toByteString();
    }

    private static QueryResponse batch(String id, boolean hasMore, ByteString... results) {
        QueryResponse.Builder builder = QueryResponse.newBuilder().setId(id).setHasMore(hasMore);
        for (ByteString result : results) {
            builder.addResults(QueryResultBytes.newBuilder().setResultBytes(result));
        }
        return builder.build();
    }

    private static String drain(QueryResultsIterator<KeyValue> results) {
        List<String> seen = new ArrayList<>();
        try (results) {
            results.forEach(kv -> seen.add(kv.getKey() + "=" + kv.getStringValue()));
        }
        return String.join(",", seen);
    }

    @Test
    void getStateSendsGetStateAndReturnsValueOrEmpty() throws Exception {
        run(stub -> stub.getStringState("a") + "|" + stub.getState("missing").length);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE, "tx1", GetState.parser()))
                .isEqualTo(GetState.newBuilder().setKey("a").build());
        peer.respond("tx1", ByteString.copyFromUtf8("1"));
        peer.expectRequest(ChaincodeMessage.Type.GET_STATE, "tx1", GetState.parser());
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(completedPayload()).isEqualTo("1|0");
    }

    @Test
    void putAndDelStateSendTheirMessages() throws Exception {
        run(stub -> {
            stub.putStringState("k", "v");
            stub.delState("k");
            return "done";
        });
        assertThat(peer.expectRequest(ChaincodeMessage.Type.PUT_STATE, "tx1", PutState.parser()))
                .isEqualTo(PutState.newBuilder()
                        .setKey("k")
                        .setValue(ByteString.copyFromUtf8("v"))
                        .build());
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.DEL_STATE, "tx1", DelState.parser()))
                .isEqualTo(DelState.newBuilder().setKey("k").build());
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(completedPayload()).isEqualTo("done");
    }

    @Test
    void validationParameterUsesStateMetadataMessages() throws Exception {
        run(stub -> {
            stub.setStateValidationParameter("k", new byte[] {9});
            byte[] found = stub.getStateValidationParameter("k");
            byte[] none = stub.getStateValidationParameter("other");
            return found[0] + "|" + (none == null);
        });
        assertThat(peer.expectRequest(ChaincodeMessage.Type.PUT_STATE_METADATA, "tx1", PutStateMetadata.parser()))
                .isEqualTo(PutStateMetadata.newBuilder()
                        .setKey("k")
                        .setMetadata(StateMetadata.newBuilder()
                                .setMetakey("VALIDATION_PARAMETER")
                                .setValue(ByteString.copyFrom(new byte[] {9})))
                        .build());
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_METADATA, "tx1", GetStateMetadata.parser()))
                .isEqualTo(GetStateMetadata.newBuilder().setKey("k").build());
        peer.respond(
                "tx1",
                StateMetadataResult.newBuilder()
                        .addEntries(StateMetadata.newBuilder()
                                .setMetakey("VALIDATION_PARAMETER")
                                .setValue(ByteString.copyFrom(new byte[] {9})))
                        .build());
        peer.expectRequest(ChaincodeMessage.Type.GET_STATE_METADATA, "tx1", GetStateMetadata.parser());
        peer.respond("tx1", StateMetadataResult.getDefaultInstance());
        assertThat(completedPayload()).isEqualTo("9|true");
    }

    @Test
    void rangeQueryPagesThroughQueryStateNextAndClosesTheIterator() throws Exception {
        run(stub -> drain(stub.getStateByRange("", "z")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser()))
                .isEqualTo(GetStateByRange.newBuilder()
                        .setStartKey("\u0001")
                        .setEndKey("z")
                        .build());
        peer.respond("tx1", batch("it-1", true, kv("a", "1"), kv("b", "2")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_NEXT, "tx1", QueryStateNext.parser()))
                .isEqualTo(QueryStateNext.newBuilder().setId("it-1").build());
        peer.respond("tx1", batch("it-1", true));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_NEXT, "tx1", QueryStateNext.parser());
        peer.respond("tx1", batch("it-1", false, kv("c", "3")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser()))
                .isEqualTo(QueryStateClose.newBuilder().setId("it-1").build());
        peer.respond("tx1", batch("it-1", false));
        assertThat(completedPayload()).isEqualTo("a=1,b=2,c=3");
    }

    @Test
    void rangeQueryRejectsCompositeKeyBoundsBeforeSending() throws Exception {
        run(stub -> {
            try {
                stub.getStateByRange("\u0000x", "");
                return "sent";
            } catch (CompositeKeyFormatException e) {
                return "rejected";
            }
        });
        assertThat(completedPayload()).isEqualTo("rejected");
    }

    @Test
    void paginatedRangeSendsQueryMetadataAndExposesBookmark() throws Exception {
        run(stub -> {
            QueryResultsIteratorWithMetadata<KeyValue> page = stub.getStateByRangeWithPagination("a", null, 2, "b");
            String keys = drain(page);
            return keys + "|" + page.getMetadata().getFetchedRecordsCount() + "|"
                    + page.getMetadata().getBookmark();
        });
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser()))
                .isEqualTo(GetStateByRange.newBuilder()
                        .setStartKey("a")
                        .setEndKey("")
                        .setMetadata(QueryMetadata.newBuilder()
                                .setPageSize(2)
                                .setBookmark("b")
                                .build()
                                .toByteString())
                        .build());
        peer.respond(
                "tx1",
                batch("p", false, kv("b", "2"), kv("c", "3")).toBuilder()
                        .setMetadata(QueryResponseMetadata.newBuilder()
                                .setFetchedRecordsCount(2)
                                .setBookmark("d")
                                .build()
                                .toByteString())
                        .build());
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("p", false));
        assertThat(completedPayload()).isEqualTo("b=2,c=3|2|d");
    }

    @Test
    void partialCompositeKeyQueryIsARangeUpToMaxRune() throws Exception {
        run(stub -> drain(stub.getStateByPartialCompositeKey("color", "blue")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser()))
                .isEqualTo(GetStateByRange.newBuilder()
                        .setStartKey("\u0000color\u0000blue\u0000")
                        .setEndKey("\u0000color\u0000blue\u0000" + MAX)
                        .build());
        peer.respond("tx1", batch("i", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("i", false));
        assertThat(completedPayload()).isEmpty();
    }

    @Test
    void partialCompositeKeyFromObjectTypeStringAndPaginated() throws Exception {
        run(stub -> {
            drain(stub.getStateByPartialCompositeKey("color"));
            return drain(stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey("color"), 5, ""));
        });
        GetStateByRange first =
                peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser());
        assertThat(first.getStartKey()).isEqualTo("\u0000color\u0000");
        assertThat(first.getEndKey()).isEqualTo("\u0000color\u0000" + MAX);
        peer.respond("tx1", batch("i", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("i", false));
        GetStateByRange paged =
                peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser());
        assertThat(QueryMetadata.parseFrom(paged.getMetadata()).getPageSize()).isEqualTo(5);
        peer.respond("tx1", batch("j", false, kv("\u0000color\u0000x\u0000", "1")));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("j", false));
        assertThat(completedPayload()).isEqualTo("\u0000color\u0000x\u0000=1");
    }

    @Test
    void richQuerySendsGetQueryResultWithAndWithoutPagination() throws Exception {
        run(stub -> drain(stub.getQueryResult("{\"selector\":{}}"))
                + drain(stub.getQueryResultWithPagination("{}", 3, "bm")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_QUERY_RESULT, "tx1", GetQueryResult.parser()))
                .isEqualTo(GetQueryResult.newBuilder()
                        .setQuery("{\"selector\":{}}")
                        .build());
        peer.respond("tx1", batch("q", false, kv("a", "1")));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("q", false));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_QUERY_RESULT, "tx1", GetQueryResult.parser()))
                .isEqualTo(GetQueryResult.newBuilder()
                        .setQuery("{}")
                        .setMetadata(QueryMetadata.newBuilder()
                                .setPageSize(3)
                                .setBookmark("bm")
                                .build()
                                .toByteString())
                        .build());
        peer.respond("tx1", batch("r", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("r", false));
        assertThat(completedPayload()).isEqualTo("a=1");
    }

    @Test
    void historyIsRequestedWithGetQueryResultEncodingAndDecodesKeyModifications() throws Exception {
        run(stub -> {
            List<String> seen = new ArrayList<>();
            try (QueryResultsIterator<io.weft.shim.KeyModification> history = stub.getHistoryForKey("asset1")) {
                for (io.weft.shim.KeyModification modification : history) {
                    seen.add(modification.getTxId() + ":" + modification.getStringValue() + ":"
                            + modification.isDeleted() + ":" + modification.getTimestamp());
                }
            }
            return String.join(",", seen);
        });
        ChaincodeMessage request = peer.take();
        assertThat(request.getType()).isEqualTo(ChaincodeMessage.Type.GET_HISTORY_FOR_KEY);
        assertThat(request.getPayload())
                .isEqualTo(
                        GetQueryResult.newBuilder().setQuery("asset1").build().toByteString());
        peer.respond(
                "tx1",
                batch(
                        "h",
                        false,
                        KeyModification.newBuilder()
                                .setTxId("t2")
                                .setIsDelete(true)
                                .setTimestamp(Timestamp.newBuilder().setSeconds(20))
                                .build()
                                .toByteString(),
                        KeyModification.newBuilder()
                                .setTxId("t1")
                                .setValue(ByteString.copyFromUtf8("v1"))
                                .setTimestamp(
                                        Timestamp.newBuilder().setSeconds(10).setNanos(5))
                                .build()
                                .toByteString()));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("h", false));
        assertThat(completedPayload())
                .isEqualTo("t2::true:" + Instant.ofEpochSecond(20) + ",t1:v1:false:" + Instant.ofEpochSecond(10, 5));
    }

    @Test
    void privateDataCallsCarryTheCollection() throws Exception {
        run(stub -> {
            stub.getPrivateData("c1", "k");
            stub.getPrivateDataHash("c1", "k");
            stub.putPrivateData("c1", "k", "v");
            stub.delPrivateData("c1", "k");
            stub.purgePrivateData("c1", "k");
            stub.setPrivateDataValidationParameter("c1", "k", new byte[] {1});
            stub.getPrivateDataValidationParameter("c1", "k");
            return "ok";
        });
        GetState get = GetState.newBuilder().setCollection("c1").setKey("k").build();
        DelState del = DelState.newBuilder().setCollection("c1").setKey("k").build();
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE, "tx1", GetState.parser()))
                .isEqualTo(get);
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH, "tx1", GetState.parser()))
                .isEqualTo(get);
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.PUT_STATE, "tx1", PutState.parser()))
                .isEqualTo(PutState.newBuilder()
                        .setCollection("c1")
                        .setKey("k")
                        .setValue(ByteString.copyFromUtf8("v"))
                        .build());
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.DEL_STATE, "tx1", DelState.parser()))
                .isEqualTo(del);
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.PURGE_PRIVATE_DATA, "tx1", DelState.parser()))
                .isEqualTo(del);
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.PUT_STATE_METADATA, "tx1", PutStateMetadata.parser())
                        .getCollection())
                .isEqualTo("c1");
        peer.respond("tx1", ByteString.EMPTY);
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_METADATA, "tx1", GetStateMetadata.parser()))
                .isEqualTo(GetStateMetadata.newBuilder()
                        .setCollection("c1")
                        .setKey("k")
                        .build());
        peer.respond("tx1", StateMetadataResult.getDefaultInstance());
        assertThat(completedPayload()).isEqualTo("ok");
    }

    @Test
    void privateDataQueriesCarryTheCollection() throws Exception {
        run(stub -> drain(stub.getPrivateDataByRange("c1", "a", "b"))
                + drain(stub.getPrivateDataByPartialCompositeKey("c1", "t", "x"))
                + drain(stub.getPrivateDataQueryResult("c1", "{}")));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser()))
                .isEqualTo(GetStateByRange.newBuilder()
                        .setCollection("c1")
                        .setStartKey("a")
                        .setEndKey("b")
                        .build());
        peer.respond("tx1", batch("1", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("1", false));
        GetStateByRange partial =
                peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser());
        assertThat(partial.getCollection()).isEqualTo("c1");
        assertThat(partial.getStartKey()).isEqualTo("\u0000t\u0000x\u0000");
        peer.respond("tx1", batch("2", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("2", false));
        assertThat(peer.expectRequest(ChaincodeMessage.Type.GET_QUERY_RESULT, "tx1", GetQueryResult.parser()))
                .isEqualTo(GetQueryResult.newBuilder()
                        .setCollection("c1")
                        .setQuery("{}")
                        .build());
        peer.respond("tx1", batch("3", false));
        peer.expectRequest(ChaincodeMessage.Type.QUERY_STATE_CLOSE, "tx1", QueryStateClose.parser());
        peer.respond("tx1", batch("3", false));
        assertThat(completedPayload()).isEmpty();
    }

    @Test
    void invokeChaincodeSendsSpecAndDecodesTheCalleesAnswer() throws Exception {
        run(stub -> {
            Chaincode.Response ok = stub.invokeChaincodeWithStringArgs("other", List.of("get", "k"), "ch2");
            Chaincode.Response failed = stub.invokeChaincodeWithStringArgs("other", "get");
            return ok.getStatusCode() + ":" + ok.getStringPayload() + "|" + failed.getStatusCode() + ":"
                    + failed.getMessage();
        });
        ChaincodeSpec spec = peer.expectRequest(ChaincodeMessage.Type.INVOKE_CHAINCODE, "tx1", ChaincodeSpec.parser());
        assertThat(spec.getChaincodeId().getName()).isEqualTo("other/ch2");
        assertThat(spec.getInput().getArgsList())
                .containsExactly(ByteString.copyFromUtf8("get"), ByteString.copyFromUtf8("k"));
        peer.respond(
                "tx1",
                ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.COMPLETED)
                        .setPayload(Response.newBuilder()
                                .setStatus(200)
                                .setPayload(ByteString.copyFromUtf8("v"))
                                .build()
                                .toByteString())
                        .build());
        ChaincodeSpec second =
                peer.expectRequest(ChaincodeMessage.Type.INVOKE_CHAINCODE, "tx1", ChaincodeSpec.parser());
        assertThat(second.getChaincodeId().getName()).isEqualTo("other");
        peer.respond(
                "tx1",
                ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.ERROR)
                        .setPayload(ByteString.copyFromUtf8("callee crashed"))
                        .build());
        assertThat(completedPayload()).isEqualTo("200:v|500:callee crashed");
    }

    @Test
    void proposalFactsAreDecodedFromTheSignedProposal() throws Exception {
        ByteString creator = ByteString.copyFromUtf8("creator-identity");
        ByteString nonce = ByteString.copyFromUtf8("nonce");
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(42))
                .setEpoch(0x0102)
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(creator)
                                .setNonce(nonce)
                                .build()
                                .toByteString())
                        .build()
                        .toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .putTransientMap("secret", ByteString.copyFromUtf8("s"))
                        .build()
                        .toByteString())
                .build();
        SignedProposal signed = SignedProposal.newBuilder()
                .setProposalBytes(proposal.toByteString())
                .build();
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse((stub.getTxTimestamp() + "|"
                        + new String(stub.getCreator(), UTF_8) + "|"
                        + new String(stub.getTransient().get("secret"), UTF_8)
                        + "|" + java.util.HexFormat.of().formatHex(stub.getBinding()) + "|"
                        + stub.getSignedProposal().equals(signed) + "|" + stub.getFunction() + "|"
                        + stub.getParameters())
                .getBytes(UTF_8))));
        peer.send(
                FakePeer.invocation(ChaincodeMessage.Type.TRANSACTION, FakePeer.CHANNEL, "tx1", "fn", "p1").toBuilder()
                        .setProposal(signed)
                        .build());
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(nonce.toByteArray());
        digest.update(creator.toByteArray());
        digest.update(new byte[] {0x02, 0x01, 0, 0, 0, 0, 0, 0});
        String binding = java.util.HexFormat.of().formatHex(digest.digest());
        assertThat(completedPayload())
                .isEqualTo(
                        Instant.ofEpochSecond(1_700_000_000, 42) + "|creator-identity|s|" + binding + "|true|fn|[p1]");
    }

    @Test
    void proposalOfAnotherHeaderTypeIsRejected() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()));
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.ORDERER_TRANSACTION_VALUE)
                                .build()
                                .toByteString())
                        .build()
                        .toByteString())
                .build();
        peer.send(FakePeer.invocation(ChaincodeMessage.Type.TRANSACTION, FakePeer.CHANNEL, "tx1", "fn").toBuilder()
                .setProposal(SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()))
                .build());
        assertThat(peer.expectError("tx1")).contains("ORDERER_TRANSACTION").contains("ENDORSER_TRANSACTION");
    }

    @Test
    void malformedQueryResponseFailsTheTransaction() throws Exception {
        run(stub -> drain(stub.getStateByRange("a", "b")));
        peer.expectRequest(ChaincodeMessage.Type.GET_STATE_BY_RANGE, "tx1", GetStateByRange.parser());
        peer.respond("tx1", ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}));
        assertThat(peer.expectError("tx1")).contains("malformed QueryResponse");
    }

    @Test
    void stubWithoutProposalHasNoCreatorTimestampOrBinding() throws Exception {
        run(stub -> (stub.getCreator() == null) + "|" + stub.getTxTimestamp() + "|" + (stub.getBinding() == null) + "|"
                + stub.getTransient().size() + "|" + stub.getTxId() + "|" + stub.getChannelId());
        assertThat(completedPayload()).isEqualTo("true|null|true|0|tx1|" + FakePeer.CHANNEL);
    }
}
