package io.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * A chaincode written directly against the ChaincodeMessage protocol, for tests: it registers, then runs the program
 * named by each transaction's first argument on its own thread, talking to the peer synchronously per transaction.
 */
final class FakeChaincode implements StreamObserver<ChaincodeMessage> {
    /** A transaction's body; returns the chaincode Response (sent as COMPLETED). */
    @FunctionalInterface
    interface Program {
        Response run(Tx tx) throws Exception;
    }

    final String id;
    private final Map<String, Program> programs;
    private final Map<String, BlockingQueue<ChaincodeMessage>> replies = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chaincode");
        t.setDaemon(true);
        return t;
    });
    final CountDownLatch ready = new CountDownLatch(1);
    final AtomicInteger keepalives = new AtomicInteger();
    final List<ChaincodeMessage> unexpected = new ArrayList<>();
    volatile Throwable streamError;
    private volatile boolean ended;
    private StreamObserver<ChaincodeMessage> toPeer;

    FakeChaincode(String id, Map<String, Program> programs) {
        this.id = id;
        this.programs = programs;
    }

    FakeChaincode connect(Channel channel) {
        toPeer = ChaincodeSupportGrpc.newStub(channel).register(this);
        send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName(id).build().toByteString())
                .build());
        return this;
    }

    synchronized void send(ChaincodeMessage msg) {
        toPeer.onNext(msg);
    }

    /** Cancels the stream as a dying process would. */
    void crash() {
        ended = true;
        toPeer.onError(
                Status.CANCELLED.withDescription("chaincode process died").asRuntimeException());
    }

    boolean isAlive() {
        return !ended;
    }

    @Override
    public void onNext(ChaincodeMessage msg) {
        switch (msg.getType()) {
            case REGISTERED -> {}
            case READY -> ready.countDown();
            case KEEPALIVE -> keepalives.incrementAndGet();
            case TRANSACTION, INIT -> pool.execute(() -> run(msg));
            case RESPONSE, ERROR -> queue(msg.getChannelId(), msg.getTxid()).add(msg);
            default -> {
                synchronized (unexpected) {
                    unexpected.add(msg);
                }
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        streamError = t;
        ended = true;
    }

    @Override
    public void onCompleted() {
        ended = true;
    }

    private BlockingQueue<ChaincodeMessage> queue(String channel, String txId) {
        return replies.computeIfAbsent(channel + txId, k -> new LinkedBlockingQueue<>());
    }

    private void run(ChaincodeMessage msg) {
        Tx tx;
        try {
            tx = new Tx(msg, ChaincodeInput.parseFrom(msg.getPayload()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        ChaincodeMessage.Builder answer =
                ChaincodeMessage.newBuilder().setTxid(msg.getTxid()).setChannelId(msg.getChannelId());
        try {
            Program program = programs.get(tx.function());
            if (program == null) {
                throw new IllegalArgumentException("no function " + tx.function());
            }
            Response response = program.run(tx);
            if (response == null) {
                return; // the program answers (or never answers) by itself
            }
            answer.setType(ChaincodeMessage.Type.COMPLETED).setPayload(response.toByteString());
            if (tx.event != null) {
                answer.setChaincodeEvent(tx.event);
            }
        } catch (Exception e) {
            answer.setType(ChaincodeMessage.Type.ERROR)
                    .setPayload(ByteString.copyFromUtf8(String.valueOf(e.getMessage())));
        }
        if (!ended) {
            send(answer.build());
        }
    }

    static Response ok(String payload) {
        return Response.newBuilder()
                .setStatus(200)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build();
    }

    static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    /** One transaction's view: synchronous requests to the peer. */
    final class Tx {
        final ChaincodeMessage message;
        final ChaincodeInput input;
        ChaincodeEvent event;

        Tx(ChaincodeMessage message, ChaincodeInput input) {
            this.message = message;
            this.input = input;
        }

        String function() {
            return input.getArgs(0).toStringUtf8();
        }

        String arg(int i) {
            return input.getArgs(i).toStringUtf8();
        }

        /** Sends a request and waits for RESPONSE or ERROR. */
        ChaincodeMessage call(ChaincodeMessage.Type type, MessageLite payload) throws InterruptedException {
            return callRaw(type, payload == null ? ByteString.EMPTY : payload.toByteString());
        }

        ChaincodeMessage callRaw(ChaincodeMessage.Type type, ByteString payload) throws InterruptedException {
            send(request(type, payload));
            return await();
        }

        void send(ChaincodeMessage msg) {
            FakeChaincode.this.send(msg);
        }

        ChaincodeMessage request(ChaincodeMessage.Type type, ByteString payload) {
            return ChaincodeMessage.newBuilder()
                    .setType(type)
                    .setPayload(payload)
                    .setTxid(message.getTxid())
                    .setChannelId(message.getChannelId())
                    .build();
        }

        ChaincodeMessage await() throws InterruptedException {
            ChaincodeMessage reply =
                    queue(message.getChannelId(), message.getTxid()).poll(10, TimeUnit.SECONDS);
            if (reply == null) {
                throw new IllegalStateException("no reply from the peer");
            }
            return reply;
        }

        ChaincodeMessage poll(long millis) throws InterruptedException {
            return queue(message.getChannelId(), message.getTxid()).poll(millis, TimeUnit.MILLISECONDS);
        }

        ByteString ok(ChaincodeMessage reply) {
            if (reply.getType() != ChaincodeMessage.Type.RESPONSE) {
                throw new IllegalStateException(reply.getPayload().toStringUtf8());
            }
            return reply.getPayload();
        }

        String get(String key) throws Exception {
            return ok(call(
                            ChaincodeMessage.Type.GET_STATE,
                            GetState.newBuilder().setKey(key).build()))
                    .toStringUtf8();
        }

        void put(String key, String value) throws Exception {
            ok(call(
                    ChaincodeMessage.Type.PUT_STATE,
                    PutState.newBuilder().setKey(key).setValue(utf8(value)).build()));
        }

        void del(String key) throws Exception {
            ok(call(
                    ChaincodeMessage.Type.DEL_STATE,
                    DelState.newBuilder().setKey(key).build()));
        }

        QueryResponse range(String start, String end) throws Exception {
            return QueryResponse.parseFrom(ok(call(
                    ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                    GetStateByRange.newBuilder()
                            .setStartKey(start)
                            .setEndKey(end)
                            .build())));
        }

        QueryResponse next(String id) throws Exception {
            return QueryResponse.parseFrom(ok(call(
                    ChaincodeMessage.Type.QUERY_STATE_NEXT,
                    QueryStateNext.newBuilder().setId(id).build())));
        }

        QueryResponse close(String id) throws Exception {
            return QueryResponse.parseFrom(ok(call(
                    ChaincodeMessage.Type.QUERY_STATE_CLOSE,
                    QueryStateClose.newBuilder().setId(id).build())));
        }

        /** Every key of a range, following has_more as the Java shim does. */
        List<String> rangeKeys(String start, String end) throws Exception {
            List<String> keys = new ArrayList<>();
            QueryResponse batch = range(start, end);
            while (true) {
                for (QueryResultBytes r : batch.getResultsList()) {
                    keys.add(KV.parseFrom(r.getResultBytes()).getKey());
                }
                if (!batch.getHasMore()) {
                    return keys;
                }
                batch = next(batch.getId());
            }
        }

        ChaincodeMessage invoke(String target, String... args) throws Exception {
            ChaincodeInput.Builder in = ChaincodeInput.newBuilder();
            for (String a : args) {
                in.addArgs(utf8(a));
            }
            return call(
                    ChaincodeMessage.Type.INVOKE_CHAINCODE,
                    ChaincodeSpec.newBuilder()
                            .setChaincodeId(ChaincodeID.newBuilder().setName(target))
                            .setInput(in)
                            .build());
        }

        void setEvent(String name, String payload) {
            event = ChaincodeEvent.newBuilder()
                    .setEventName(name)
                    .setPayload(utf8(payload))
                    .build();
        }
    }
}
