package io.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * An in-process peer's chaincode listener driven by the test thread: it records every message the shim sends and
 * sends what the test tells it to. {@link #connect} starts a shim client against it and performs the handshake.
 */
final class FakePeer implements AutoCloseable {
    static final String CHAINCODE_ID = "asset:0123abcd";
    static final String CHANNEL = "mychannel";

    private final String name = InProcessServerBuilder.generateName();
    private final BlockingQueue<ChaincodeMessage> received = new LinkedBlockingQueue<>();
    private final Server server;
    private volatile StreamObserver<ChaincodeMessage> toShim;
    private volatile boolean streamEnded;
    private ChaincodeClient client;

    FakePeer() throws IOException {
        server = InProcessServerBuilder.forName(name)
                .addService(new ChaincodeSupportGrpc.ChaincodeSupportImplBase() {
                    @Override
                    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> shim) {
                        toShim = shim;
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(ChaincodeMessage message) {
                                received.add(message);
                            }

                            @Override
                            public void onError(Throwable t) {
                                streamEnded = true;
                            }

                            @Override
                            public void onCompleted() {
                                streamEnded = true;
                            }
                        };
                    }
                })
                .build()
                .start();
    }

    ManagedChannel channel() {
        return InProcessChannelBuilder.forName(name).build();
    }

    /** Starts a shim client for the chaincode and completes REGISTER -> REGISTERED -> READY. */
    ChaincodeClient connect(Chaincode chaincode, ShimConfig config) throws Exception {
        client = new ChaincodeClient(config, chaincode, channel());
        client.start();
        ChaincodeMessage register = take();
        assertThat(register.getType()).isEqualTo(ChaincodeMessage.Type.REGISTER);
        assertThat(ChaincodeID.parseFrom(register.getPayload()).getName()).isEqualTo(config.chaincodeId());
        send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTERED)
                .build());
        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
        client.ready().get(5, TimeUnit.SECONDS);
        return client;
    }

    ChaincodeClient connect(Chaincode chaincode) throws Exception {
        return connect(chaincode, ShimConfig.of(CHAINCODE_ID, ShimConfig.DEFAULT_PEER_ADDRESS));
    }

    synchronized void send(ChaincodeMessage message) {
        toShim.onNext(message);
    }

    void endStream() {
        toShim.onCompleted();
    }

    boolean streamEnded() {
        return streamEnded;
    }

    /** The next message the shim sent, waiting up to 5 s. */
    ChaincodeMessage take() throws InterruptedException {
        ChaincodeMessage message = received.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a message from the shim within 5 s").isNotNull();
        return message;
    }

    /** Asserts the shim sends nothing within the time. */
    void expectNothing(long millis) throws InterruptedException {
        assertThat(received.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    /** Sends TRANSACTION with string arguments. */
    void transaction(String txId, String... args) {
        send(invocation(ChaincodeMessage.Type.TRANSACTION, CHANNEL, txId, args));
    }

    static ChaincodeMessage invocation(ChaincodeMessage.Type type, String channel, String txId, String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String arg : args) {
            input.addArgs(ByteString.copyFromUtf8(arg));
        }
        return ChaincodeMessage.newBuilder()
                .setType(type)
                .setChannelId(channel)
                .setTxid(txId)
                .setPayload(input.build().toByteString())
                .build();
    }

    /** Expects the next message to be a request of {@code type} for the transaction, and returns its payload. */
    <T extends Message> T expectRequest(ChaincodeMessage.Type type, String txId, Parser<T> parser) throws Exception {
        ChaincodeMessage message = take();
        assertThat(message.getType()).as("message type").isEqualTo(type);
        assertThat(message.getTxid()).isEqualTo(txId);
        assertThat(message.getChannelId()).isEqualTo(CHANNEL);
        return parser.parseFrom(message.getPayload());
    }

    void respond(String txId, ByteString payload) {
        send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.RESPONSE)
                .setChannelId(CHANNEL)
                .setTxid(txId)
                .setPayload(payload)
                .build());
    }

    void respond(String txId, Message payload) {
        respond(txId, payload.toByteString());
    }

    void refuse(String txId, String text) {
        send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.ERROR)
                .setChannelId(CHANNEL)
                .setTxid(txId)
                .setPayload(ByteString.copyFromUtf8(text))
                .build());
    }

    /** Expects COMPLETED for the transaction and returns its Response. */
    Response expectCompleted(String txId) throws Exception {
        ChaincodeMessage message = take();
        assertThat(message.getType())
                .as("final message of " + txId + ": " + message)
                .isEqualTo(ChaincodeMessage.Type.COMPLETED);
        assertThat(message.getTxid()).isEqualTo(txId);
        assertThat(message.getChannelId()).isEqualTo(CHANNEL);
        return Response.parseFrom(message.getPayload());
    }

    /** Expects ERROR for the transaction and returns its text. */
    String expectError(String txId) throws InterruptedException {
        ChaincodeMessage message = take();
        assertThat(message.getType()).as("final message of " + txId).isEqualTo(ChaincodeMessage.Type.ERROR);
        assertThat(message.getTxid()).isEqualTo(txId);
        return message.getPayload().toStringUtf8();
    }

    static Chaincode invokeOnly(Function<ChaincodeStub, Chaincode.Response> body) {
        return new Chaincode() {
            @Override
            public Chaincode.Response init(ChaincodeStub stub) {
                return ResponseUtils.newSuccessResponse("init");
            }

            @Override
            public Chaincode.Response invoke(ChaincodeStub stub) {
                return body.apply(stub);
            }
        };
    }

    static List<String> strings(List<byte[]> values) {
        return values.stream()
                .map(v -> new String(v, java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
