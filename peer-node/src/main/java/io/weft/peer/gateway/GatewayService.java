package io.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import io.weft.peer.channel.Channel;
import io.weft.peer.endorser.ProposalException;
import io.weft.peer.endorser.UnpackedProposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gateway.Gateway} as Fabric's embedded gateway (fabric-protocol §5.3): Evaluate on one endorser, Endorse on as
 * many orgs' peers as the chaincode's endorsement policy needs (this peer first, then the peers named in
 * {@code peer.gateway.peers}), Submit to the channel's orderers, CommitStatus from the ledger (waiting for it), and
 * ChaincodeEvents from committed blocks. Errors are gRPC statuses with {@code ErrorDetail}s naming each endorser or
 * orderer and what it said.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final Function<String, Optional<Channel>> channels;
    private final EndorserClient local;
    private final List<EndorserClient> others;
    private final Broadcaster broadcaster;
    private final CommitStatusHandler commitStatus;
    private final ChaincodeEventsHandler chaincodeEvents;
    private final Executor streamExecutor;
    private final Semaphore concurrency;
    private final int concurrencyLimit;

    /**
     * @param others other orgs' peers the gateway may ask for endorsements
     * @param streamExecutor runs ChaincodeEvents streams, which block
     * @param concurrencyLimit {@code peer.limits.concurrency.gatewayService}; 0 = unlimited
     */
    public GatewayService(
            Function<String, Optional<Channel>> channels,
            EndorserClient local,
            List<EndorserClient> others,
            OrdererConnections orderers,
            java.time.Duration broadcastTimeout,
            Executor streamExecutor,
            int concurrencyLimit) {
        this.channels = channels;
        this.local = local;
        this.others = List.copyOf(others);
        this.broadcaster = new Broadcaster(orderers, broadcastTimeout);
        this.commitStatus = new CommitStatusHandler(channels);
        this.chaincodeEvents = new ChaincodeEventsHandler(channels);
        this.streamExecutor = streamExecutor;
        this.concurrencyLimit = concurrencyLimit;
        this.concurrency = concurrencyLimit > 0 ? new Semaphore(concurrencyLimit) : null;
    }

    private interface Call<T> {
        T run();
    }

    private <T> void unary(StreamObserver<T> responses, Call<T> call) {
        if (!acquire(responses)) {
            return;
        }
        try {
            T result = call.run();
            responses.onNext(result);
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(statusOf(e));
        } finally {
            release();
        }
    }

    /** Takes a concurrency permit, or answers RESOURCE_EXHAUSTED as Fabric's limit does. */
    private boolean acquire(StreamObserver<?> responses) {
        if (concurrency != null && !concurrency.tryAcquire()) {
            responses.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("too many requests for /gateway.Gateway, exceeding concurrency limit ("
                            + concurrencyLimit + ")")
                    .asRuntimeException());
            return false;
        }
        return true;
    }

    private void release() {
        if (concurrency != null) {
            concurrency.release();
        }
    }

    private static StatusRuntimeException statusOf(Throwable error) {
        if (error instanceof StatusRuntimeException e) {
            return e;
        }
        LOG.warn("gateway call failed unexpectedly", error);
        return Status.INTERNAL
                .withDescription("internal error: " + error.getMessage())
                .asRuntimeException();
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
        unary(responses, () -> {
            UnpackedProposal proposal = unpack(request.getProposedTransaction());
            channel(proposal.channelId());
            EndorserClient target =
                    targets(request.getTargetOrganizationsList()).get(0);
            ProposalResponse response = call(target, request.getProposedTransaction(), "evaluate");
            if (failed(response)) {
                throw GatewayErrors.error(
                        response.getPayload().isEmpty()
                                        && response.getResponse().getStatus() == 500
                                ? Status.Code.ABORTED
                                : Status.Code.UNKNOWN,
                        "evaluate call to endorser returned error: " + describe(response),
                        List.of(GatewayErrors.detail(target, describe(response))));
            }
            Response result = response.getResponse().toBuilder()
                    .setPayload(chaincodePayload(response))
                    .build();
            return EvaluateResponse.newBuilder().setResult(result).build();
        });
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
        unary(responses, () -> {
            UnpackedProposal proposal = unpack(request.getProposedTransaction());
            Channel channel = channel(proposal.channelId());
            List<ProposalResponse> endorsements = collect(request, proposal, channel);
            try {
                return EndorseResponse.newBuilder()
                        .setPreparedTransaction(TransactionAssembler.assemble(proposal.proposal(), endorsements))
                        .build();
            } catch (InvalidProtocolBufferException e) {
                throw GatewayErrors.error(
                        Status.Code.INVALID_ARGUMENT, "cannot assemble the transaction: " + e.getMessage());
            }
        });
    }

    private List<ProposalResponse> collect(EndorseRequest request, UnpackedProposal proposal, Channel channel) {
        List<EndorserClient> used = new ArrayList<>(targets(request.getEndorsingOrganizationsList()));
        List<ProposalResponse> responses = new ArrayList<>();
        List<EndorserClient> endorsers = new ArrayList<>();
        for (EndorserClient endorser : used) {
            responses.add(endorseWith(endorser, request, proposal));
            endorsers.add(endorser);
        }
        Optional<Policy> policy = EndorsementPolicies.forChaincode(channel, proposal.chaincodeName());
        if (request.getEndorsingOrganizationsCount() == 0 && policy.isPresent()) {
            PolicyResult result = policy.get().evaluate(signedData(responses));
            for (EndorserClient candidate : others) {
                if (result.satisfied()) {
                    break;
                }
                if (endorsers.stream().anyMatch(e -> e.mspId().equals(candidate.mspId()))) {
                    continue;
                }
                responses.add(endorseWith(candidate, request, proposal));
                endorsers.add(candidate);
                result = policy.get().evaluate(signedData(responses));
            }
            if (!result.satisfied()) {
                throw GatewayErrors.error(
                        Status.Code.FAILED_PRECONDITION,
                        "no combination of peers can be derived which satisfy the endorsement policy of "
                                + proposal.chaincodeName() + ": " + result.explanation()
                                + (others.isEmpty()
                                        ? " (no other orgs' peers are configured in peer.gateway.peers)"
                                        : ""));
            }
        }
        checkMatching(responses, endorsers);
        return responses;
    }

    private ProposalResponse endorseWith(EndorserClient endorser, EndorseRequest request, UnpackedProposal proposal) {
        ProposalResponse response = call(endorser, request.getProposedTransaction(), "endorse");
        if (failed(response) || !response.hasEndorsement()) {
            LOG.info(
                    "[{}] endorsement of tx {} by {} failed: {}",
                    proposal.channelId(),
                    proposal.txId(),
                    endorser.address(),
                    describe(response));
            throw GatewayErrors.error(
                    Status.Code.ABORTED,
                    "failed to endorse transaction, see attached details",
                    List.of(GatewayErrors.detail(endorser, describe(response))));
        }
        return response;
    }

    private static void checkMatching(List<ProposalResponse> responses, List<EndorserClient> endorsers) {
        for (int i = 1; i < responses.size(); i++) {
            if (!responses.get(i).getPayload().equals(responses.get(0).getPayload())) {
                String difference = EndorsementDiff.firstDifference(
                        responses.get(0).getPayload(), responses.get(i).getPayload());
                List<ErrorDetail> details = List.of(
                        GatewayErrors.detail(endorsers.get(0), "first endorsement"),
                        GatewayErrors.detail(endorsers.get(i), "differs: " + difference));
                throw GatewayErrors.error(
                        Status.Code.ABORTED,
                        "failed to collect enough transaction endorsements:"
                                + " ProposalResponsePayloads do not match between "
                                + endorsers.get(0).address() + " ("
                                + endorsers.get(0).mspId() + ") and "
                                + endorsers.get(i).address() + " ("
                                + endorsers.get(i).mspId() + "): " + difference,
                        details);
            }
        }
    }

    private static List<SignedData> signedData(List<ProposalResponse> responses) {
        List<SignedData> result = new ArrayList<>();
        for (ProposalResponse response : responses) {
            result.add(new SignedData(
                    response.getPayload().concat(response.getEndorsement().getEndorser()),
                    response.getEndorsement().getEndorser(),
                    response.getEndorsement().getSignature()));
        }
        return result;
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        // no thread waits for the orderer: the answer goes out when the orderer's arrives
        answerLater(responses, () -> {
            if (!request.hasPreparedTransaction()
                    || request.getPreparedTransaction().getPayload().isEmpty()) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "a prepared transaction must be supplied");
            }
            if (request.getPreparedTransaction().getSignature().isEmpty()) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            Channel channel = channel(request.getChannelId());
            return broadcaster
                    .submit(channel.config(), request.getPreparedTransaction())
                    .thenApply(accepted -> SubmitResponse.getDefaultInstance());
        });
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> responses) {
        // no thread waits for the commit: the answer goes out from the thread that commits the block
        answerLater(responses, () -> commitStatus.handle(request));
    }

    /**
     * A unary call answered when {@code start}'s future completes, holding a concurrency permit until then; a call the
     * client cancels cancels the future.
     */
    private <T> void answerLater(StreamObserver<T> responses, Call<CompletableFuture<T>> start) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) responses;
        if (!acquire(call)) {
            return;
        }
        CompletableFuture<T> pending;
        try {
            pending = start.run();
        } catch (RuntimeException e) {
            release();
            call.onError(statusOf(e));
            return;
        }
        call.setOnCancelHandler(() -> pending.cancel(false));
        pending.whenComplete((response, error) -> {
            release();
            if (call.isCancelled()) {
                return;
            }
            if (error == null) {
                call.onNext(response);
                call.onCompleted();
            } else {
                call.onError(statusOf(error instanceof CompletionException ? error.getCause() : error));
            }
        });
    }

    @Override
    public void chaincodeEvents(
            SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> responses) {
        ServerCallStreamObserver<ChaincodeEventsResponse> call =
                (ServerCallStreamObserver<ChaincodeEventsResponse>) responses;
        call.setOnCancelHandler(() -> {});
        streamExecutor.execute(() -> chaincodeEvents.stream(request, call));
    }

    private List<EndorserClient> targets(List<String> organizations) {
        if (organizations.isEmpty() || organizations.contains(local.mspId())) {
            List<EndorserClient> result = new ArrayList<>(List.of(local));
            for (String org : organizations) {
                if (!org.equals(local.mspId())) {
                    result.add(peerOf(org));
                }
            }
            return result;
        }
        return organizations.stream().map(this::peerOf).toList();
    }

    private EndorserClient peerOf(String mspId) {
        return others.stream()
                .filter(e -> e.mspId().equals(mspId))
                .findFirst()
                .orElseThrow(() -> GatewayErrors.error(
                        Status.Code.FAILED_PRECONDITION,
                        "no peer of organization " + mspId
                                + " is known to this gateway (configure it in peer.gateway.peers)"));
    }

    private static ProposalResponse call(
            EndorserClient endorser, org.hyperledger.fabric.protos.peer.SignedProposal proposal, String what) {
        try {
            return endorser.endorse(proposal);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode() == Status.Code.UNAVAILABLE
                            || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                    ? Status.Code.UNAVAILABLE
                    : e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
                            ? Status.Code.RESOURCE_EXHAUSTED
                            : Status.Code.FAILED_PRECONDITION;
            String message = e.getStatus().getDescription() == null
                    ? e.getStatus().getCode().toString()
                    : e.getStatus().getDescription();
            throw GatewayErrors.error(
                    code,
                    "failed to " + what + " transaction: " + message,
                    List.of(GatewayErrors.detail(endorser, message)));
        }
    }

    private static boolean failed(ProposalResponse response) {
        int status = response.getResponse().getStatus();
        return status < 200 || status >= 400;
    }

    private static String describe(ProposalResponse response) {
        return "chaincode response " + response.getResponse().getStatus() + ", "
                + response.getResponse().getMessage();
    }

    private static com.google.protobuf.ByteString chaincodePayload(ProposalResponse response) {
        try {
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(response.getPayload());
            return ChaincodeAction.parseFrom(prp.getExtension()).getResponse().getPayload();
        } catch (InvalidProtocolBufferException e) {
            return response.getResponse().getPayload();
        }
    }

    private static UnpackedProposal unpack(org.hyperledger.fabric.protos.peer.SignedProposal proposal) {
        try {
            UnpackedProposal unpacked = UnpackedProposal.unpack(proposal);
            if (unpacked.channelId().isEmpty()) {
                throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "no channel ID in the proposal");
            }
            return unpacked;
        } catch (ProposalException e) {
            throw GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + e.getMessage());
        }
    }

    private Channel channel(String channelId) {
        return channels.apply(channelId)
                .orElseThrow(() -> GatewayErrors.error(Status.Code.NOT_FOUND, "channel '" + channelId + "' not found"));
    }
}
