package io.weft.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.weft.peer.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ChaincodeEvents: the events of one chaincode from valid transactions of committed blocks, one response per block. */
final class ChaincodeEventsHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeEventsHandler.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Function<String, Optional<Channel>> channels;

    ChaincodeEventsHandler(Function<String, Optional<Channel>> channels) {
        this.channels = channels;
    }

    void stream(SignedChaincodeEventsRequest signed, ServerCallStreamObserver<ChaincodeEventsResponse> call) {
        try {
            run(signed, call);
        } catch (StatusRuntimeException e) {
            call.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(
                    Status.UNAVAILABLE.withDescription("peer is shutting down").asRuntimeException());
        } catch (RuntimeException e) {
            LOG.warn("chaincode events stream failed", e);
            call.onError(Status.INTERNAL
                    .withDescription("internal error: " + e.getMessage())
                    .asRuntimeException());
        }
    }

    private void run(SignedChaincodeEventsRequest signed, ServerCallStreamObserver<ChaincodeEventsResponse> call)
            throws InterruptedException {
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unmarshal request: " + e.getMessage());
        }
        Channel channel = channels.apply(request.getChannelId())
                .orElseThrow(() -> GatewayErrors.error(
                        Status.Code.NOT_FOUND, "channel '" + request.getChannelId() + "' not found"));
        GatewayAccess.check(
                channel, "gateway/ChaincodeEvents", signed.getRequest(), request.getIdentity(), signed.getSignature());
        String afterTxId = request.getAfterTransactionId();
        long next = startBlock(request, channel);
        boolean skipping = !afterTxId.isEmpty();
        while (!call.isCancelled()) {
            if (channel.ledger().height() <= next) {
                channel.heightWatcher().awaitBlock(next, POLL);
                continue;
            }
            long number = next;
            Block block = channel.ledger()
                    .getBlockByNumber(number)
                    .orElseThrow(() -> new IllegalStateException("block " + number + " below the height is missing"));
            List<ChaincodeEvent> events = new ArrayList<>();
            for (Matched matched : events(block, request.getChaincodeId())) {
                if (skipping) {
                    if (matched.txId().equals(afterTxId)) {
                        skipping = false;
                    }
                    continue;
                }
                events.add(matched.event());
            }
            skipping = false;
            if (!events.isEmpty()) {
                call.onNext(ChaincodeEventsResponse.newBuilder()
                        .setBlockNumber(number)
                        .addAllEvents(events)
                        .build());
            }
            next++;
        }
    }

    private static long startBlock(ChaincodeEventsRequest request, Channel channel) {
        if (!request.getAfterTransactionId().isEmpty()) {
            Optional<Block> block = channel.ledger().getBlockByTxId(request.getAfterTransactionId());
            if (block.isPresent()) {
                return block.get().getHeader().getNumber();
            }
        }
        var position = request.getStartPosition();
        return switch (position.getTypeCase()) {
            case SPECIFIED -> position.getSpecified().getNumber();
            case NEXT_COMMIT, TYPE_NOT_SET -> channel.ledger().height();
            case NEWEST -> Math.max(0, channel.ledger().height() - 1);
            case OLDEST -> 0;
        };
    }

    private record Matched(String txId, ChaincodeEvent event) {}

    private static List<Matched> events(Block block, String chaincodeId) {
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        List<Matched> result = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (i >= filter.size() || filter.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            try {
                Payload payload = Payload.parseFrom(
                        Envelope.parseFrom(block.getData().getData(i)).getPayload());
                ChannelHeader header =
                        ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    continue;
                }
                for (TransactionAction action :
                        Transaction.parseFrom(payload.getData()).getActionsList()) {
                    ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                    ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(
                                    actionPayload.getAction().getProposalResponsePayload())
                            .getExtension());
                    if (chaincodeAction.getEvents().isEmpty()) {
                        continue;
                    }
                    ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
                    if (event.getChaincodeId().equals(chaincodeId)) {
                        result.add(new Matched(header.getTxId(), event));
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                // a valid transaction always decodes; anything else carries no events
            }
        }
        return result;
    }
}
