package io.weft.peer.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.weft.msp.SigningIdentity;
import io.weft.peer.committer.CommitterFixture;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitStatusHandlerTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private CommitterFixture fixture;
    private CommitStatusHandler handler;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void join() {
        fixture = new CommitterFixture(network, dir).joinAndDefine();
        handler = new CommitStatusHandler(
                id -> id.equals(CommitterFixture.CHANNEL) ? Optional.of(fixture.channel) : Optional.empty());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void answersAtOnceForACommittedTransaction() throws Exception {
        Envelope tx = basicWrite();
        assertThat(fixture.commit(tx)).containsExactly(TxValidationCode.VALID);

        CompletableFuture<CommitStatusResponse> answer =
                handler.handle(request(CommitterFixture.CHANNEL, txId(tx), network.client(1)));

        assertThat(answer).isDone();
        assertThat(answer.get().getResult()).isEqualTo(TxValidationCode.VALID);
        assertThat(answer.get().getBlockNumber()).isEqualTo(2);
    }

    @Test
    void answersWhenTheBlockCommitsWithItsValidationCode() throws Exception {
        Envelope valid = basicWrite();
        // AND policy with one endorsement: committed, but invalid
        Envelope invalid = fixture.tx("andcc")
                .endorsedBy(network.peer(1))
                .write("andcc", "b", "1")
                .build();

        CompletableFuture<CommitStatusResponse> first =
                handler.handle(request(CommitterFixture.CHANNEL, txId(valid), network.client(1)));
        CompletableFuture<CommitStatusResponse> second =
                handler.handle(request(CommitterFixture.CHANNEL, txId(invalid), network.client(2)));
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        fixture.commit(valid, invalid);

        assertThat(first.get(10, TimeUnit.SECONDS).getResult()).isEqualTo(TxValidationCode.VALID);
        assertThat(first.get().getBlockNumber()).isEqualTo(2);
        assertThat(second.get(10, TimeUnit.SECONDS).getResult()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void aCancelledWaitIsNotAnsweredAndOthersStillAre() throws Exception {
        Envelope tx = basicWrite();
        CompletableFuture<CommitStatusResponse> cancelled =
                handler.handle(request(CommitterFixture.CHANNEL, txId(tx), network.client(1)));
        CompletableFuture<CommitStatusResponse> waiting =
                handler.handle(request(CommitterFixture.CHANNEL, txId(tx), network.client(1)));

        cancelled.cancel(false);
        fixture.commit(tx);

        assertThat(cancelled).isCancelled();
        assertThat(waiting.get(10, TimeUnit.SECONDS).getResult()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    void refusesBadRequestsBeforeWaiting() {
        SignedCommitStatusRequest good = request(CommitterFixture.CHANNEL, "tx1", network.client(1));

        assertStatus(
                () -> handler.handle(good.toBuilder()
                        .setSignature(ByteString.copyFromUtf8("not a signature"))
                        .build()),
                Status.Code.PERMISSION_DENIED);
        assertStatus(() -> handler.handle(request("otherchannel", "tx1", network.client(1))), Status.Code.NOT_FOUND);
        assertStatus(
                () -> handler.handle(good.toBuilder()
                        // a length-delimited field cut short
                        .setRequest(ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x61}))
                        .build()),
                Status.Code.INVALID_ARGUMENT);
    }

    /** A transaction of chaincode basic endorsed by Org1's peer (its OR policy is satisfied): VALID when committed. */
    private Envelope basicWrite() {
        return fixture.tx("basic")
                .endorsedBy(network.peer(1))
                .write("basic", "a", "1")
                .build();
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }

    private static SignedCommitStatusRequest request(String channelId, String txId, SigningIdentity signer) {
        ByteString request = CommitStatusRequest.newBuilder()
                .setChannelId(channelId)
                .setTransactionId(txId)
                .setIdentity(signer.serialized())
                .build()
                .toByteString();
        return SignedCommitStatusRequest.newBuilder()
                .setRequest(request)
                .setSignature(ByteString.copyFrom(signer.sign(request.toByteArray())))
                .build();
    }

    private static String txId(Envelope envelope) throws Exception {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    }
}
