package io.weft.peer.endorser;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.TxSimulator;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import io.weft.msp.SigningIdentity;
import io.weft.peer.chaincode.ChaincodeException;
import io.weft.peer.chaincode.ChaincodeInvocation;
import io.weft.peer.chaincode.ChaincodeInvoker;
import io.weft.peer.chaincode.ChaincodeResult;
import io.weft.peer.channel.Channel;
import io.weft.peer.operations.Metrics;
import io.weft.peer.scc.SccInvocation;
import io.weft.peer.scc.SystemChaincode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code protos.Endorser/ProcessProposal} as Fabric's endorser does it (fabric-protocol §2): unpack and check the
 * proposal, authenticate the creator, refuse duplicates and stale timestamps, check the {@code peer/Propose} ACL, find
 * the chaincode's definition, simulate on a fresh snapshot, and answer with a response shaped by the chaincode's
 * status, signed (low-S) by the peer when it is an endorsement. Refusals before simulation are gRPC errors; failures
 * from the definition lookup on are 500 responses, as the gateway and clients expect.
 */
public final class Endorser extends EndorserGrpc.EndorserImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(Endorser.class);
    static final String LIFECYCLE = "_lifecycle";
    static final String SYSCC_VERSION = "syscc";
    private static final String INITIALIZED_KEY = "\u0000\uDBFF\uDFFFinitialized";

    private final Function<String, Optional<Channel>> channels;
    private final Msp localMsp;
    private final SigningIdentity signer;
    private final Map<String, SystemChaincode> systemChaincodes;
    private final ChaincodeDefinitionLookup definitions;
    private final ChaincodeInvoker invoker;
    private final Duration timeWindow;
    private final Clock clock;
    private final EndorserMetrics metrics;
    private final Semaphore concurrency;
    private final int concurrencyLimit;
    private final boolean devMode;

    /**
     * @param concurrencyLimit {@code peer.limits.concurrency.endorserService}; 0 = unlimited
     * @param devMode route to chaincodes started by hand as {@code name:version}
     */
    public Endorser(
            Function<String, Optional<Channel>> channels,
            Msp localMsp,
            SigningIdentity signer,
            Map<String, SystemChaincode> systemChaincodes,
            ChaincodeDefinitionLookup definitions,
            ChaincodeInvoker invoker,
            Duration timeWindow,
            Clock clock,
            Metrics metrics,
            int concurrencyLimit,
            boolean devMode) {
        this.channels = channels;
        this.localMsp = localMsp;
        this.signer = signer;
        this.systemChaincodes = Map.copyOf(systemChaincodes);
        this.definitions = definitions;
        this.invoker = invoker;
        this.timeWindow = timeWindow;
        this.clock = clock;
        this.metrics = new EndorserMetrics(metrics);
        this.concurrencyLimit = concurrencyLimit;
        this.concurrency = concurrencyLimit > 0 ? new Semaphore(concurrencyLimit) : null;
        this.devMode = devMode;
    }

    @Override
    public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responses) {
        try {
            responses.onNext(endorse(request));
            responses.onCompleted();
        } catch (ProposalException e) {
            responses.onError(
                    Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            LOG.warn("proposal failed unexpectedly", e);
            responses.onError(Status.INTERNAL
                    .withDescription("internal error: " + e.getMessage())
                    .asRuntimeException());
        }
    }

    /**
     * Endorses one proposal (also called in-process by the gateway).
     *
     * @throws ProposalException for proposals refused before simulation (the gRPC error cases)
     */
    public ProposalResponse endorse(SignedProposal request) {
        if (concurrency != null && !concurrency.tryAcquire()) {
            throw new ProposalException(
                    Status.Code.RESOURCE_EXHAUSTED,
                    "too many requests for /protos.Endorser," + " exceeding concurrency limit (" + concurrencyLimit
                            + ")");
        }
        long started = System.nanoTime();
        metrics.received();
        try {
            UnpackedProposal proposal = unpackOrCount(request);
            ProposalResponse response = process(proposal);
            metrics.finished(proposal, response, System.nanoTime() - started);
            return response;
        } finally {
            if (concurrency != null) {
                concurrency.release();
            }
        }
    }

    private UnpackedProposal unpackOrCount(SignedProposal request) {
        try {
            return UnpackedProposal.unpack(request);
        } catch (ProposalException e) {
            metrics.validationFailure();
            throw e;
        }
    }

    private ProposalResponse process(UnpackedProposal proposal) {
        String channelId = proposal.channelId();
        if (channelId.isEmpty()) {
            Identity creator = authenticate(proposal, localMsp::deserializeIdentity, "");
            return channelLess(proposal, creator);
        }
        Optional<Channel> found = channels.apply(channelId);
        if (found.isEmpty()) {
            return error("channel '" + channelId + "' not found");
        }
        Channel channel = found.get();
        Identity creator = authenticate(proposal, channel.config().msps()::deserializeIdentity, channelId);
        checkTimestamp(proposal);
        if (channel.ledger().getTxValidationCode(proposal.txId()).isPresent()) {
            metrics.duplicate(proposal);
            throw new ProposalException(
                    Status.Code.ALREADY_EXISTS,
                    "duplicate transaction found [" + proposal.txId() + "]. Creator [" + creator.describe() + "]");
        }
        SystemChaincode scc = systemChaincodes.get(proposal.chaincodeName());
        if (scc == null) {
            checkPropose(proposal, channel);
        }
        try (TxSimulator simulator = channel.ledger().newTxSimulator(proposal.txId())) {
            return scc != null
                    ? systemChaincode(proposal, scc, creator, channel, simulator)
                    : userChaincode(proposal, channel, simulator);
        }
    }

    private Identity authenticate(
            UnpackedProposal proposal, Function<ByteString, Identity> deserializer, String channelId) {
        Identity creator;
        try {
            creator = deserializer.apply(proposal.creator());
            creator.verify(
                    proposal.signedProposal().getProposalBytes().toByteArray(),
                    proposal.signedProposal().getSignature().toByteArray());
        } catch (MspException e) {
            metrics.validationFailure();
            LOG.info("access denied on channel [{}]: {}", channelId, e.getMessage());
            throw new ProposalException(
                    Status.Code.PERMISSION_DENIED,
                    "access denied: channel [" + channelId + "] creator org [" + mspIdOf(proposal.creator()) + "]: "
                            + e.getMessage());
        }
        try {
            creator.checkValidAt(clock.instant());
        } catch (MspException e) {
            metrics.validationFailure();
            throw new ProposalException(
                    Status.Code.PERMISSION_DENIED, "proposal client identity expired: " + e.getMessage());
        }
        return creator;
    }

    private static String mspIdOf(ByteString creator) {
        try {
            return org.hyperledger.fabric.protos.msp.SerializedIdentity.parseFrom(creator)
                    .getMspid();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "?";
        }
    }

    private void checkTimestamp(UnpackedProposal proposal) {
        var ts = proposal.channelHeader().getTimestamp();
        Instant sent = Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(timeWindow) > 0) {
            metrics.validationFailure();
            throw new ProposalException(
                    Status.Code.INVALID_ARGUMENT,
                    "request unauthorized due to incorrect" + " timestamp " + sent + ", peer time " + now
                            + ", peer.authentication.timewindow " + timeWindow);
        }
    }

    private void checkPropose(UnpackedProposal proposal, Channel channel) {
        String policyPath = channel.config().acls().getOrDefault("peer/Propose", "/Channel/Application/Writers");
        Policy policy = channel.config().requirePolicy(policyPath);
        PolicyResult result = policy.evaluate(proposal.signedData());
        if (!result.satisfied()) {
            metrics.aclFailure(proposal);
            throw new ProposalException(
                    Status.Code.PERMISSION_DENIED,
                    "access denied for [peer/Propose] on channel [" + channel.channelId() + "]: "
                            + result.explanation());
        }
    }

    private ProposalResponse channelLess(UnpackedProposal proposal, Identity creator) {
        SystemChaincode scc = systemChaincodes.get(proposal.chaincodeName());
        if (scc == null) {
            return error("chaincode " + proposal.chaincodeName() + " can only be invoked on a channel");
        }
        Response response = scc.invoke(new SccInvocation(
                "",
                proposal.txId(),
                proposal.signedProposal(),
                proposal.input().getArgsList(),
                creator,
                proposal.signedData(),
                Optional.empty(),
                Optional.empty()));
        return ProposalResponse.newBuilder().setResponse(response).build();
    }

    private ProposalResponse systemChaincode(
            UnpackedProposal proposal, SystemChaincode scc, Identity creator, Channel channel, TxSimulator simulator) {
        Response response = scc.invoke(new SccInvocation(
                channel.channelId(),
                proposal.txId(),
                proposal.signedProposal(),
                proposal.input().getArgsList(),
                creator,
                proposal.signedData(),
                Optional.of(channel),
                Optional.of(simulator)));
        ChaincodeID id = ChaincodeID.newBuilder()
                .setName(scc.name())
                .setVersion(SYSCC_VERSION)
                .build();
        return respond(proposal, id, response, simulator, Optional.empty());
    }

    private ProposalResponse userChaincode(UnpackedProposal proposal, Channel channel, TxSimulator simulator) {
        String name = proposal.chaincodeName();
        Optional<ChaincodeDefinition> found;
        try (var committed = channel.ledger().newQueryExecutor()) {
            found = definitions.definition(channel.channelId(), name, committed);
        }
        if (found.isEmpty()) {
            return error("make sure the chaincode " + name + " has been successfully defined on channel "
                    + channel.channelId() + " and try again: chaincode " + name + " not found");
        }
        ChaincodeDefinition definition = found.get();
        // as on Fabric, the endorsement depends on the definition it was made with
        simulator.getState(LIFECYCLE, "namespaces/fields/" + name + "/Sequence");
        String chaincodeId = definition.packageId().orElse(devMode ? name + ":" + definition.version() : "");
        if (chaincodeId.isEmpty()) {
            return error("chaincode definition for '" + name + "' exists, but chaincode is not installed");
        }
        boolean init = proposal.input().getIsInit();
        Optional<String> initProblem = checkInit(definition, init, simulator);
        if (initProblem.isPresent()) {
            return error(initProblem.get());
        }
        ChaincodeResult result;
        try {
            result = invoker.execute(new ChaincodeInvocation(
                    channel.channelId(),
                    proposal.txId(),
                    name,
                    chaincodeId,
                    proposal.input(),
                    proposal.signedProposal(),
                    init && definition.initRequired(),
                    simulator,
                    channel.ledger().historyReader()));
        } catch (ChaincodeException e) {
            metrics.simulationFailure(proposal);
            LOG.info(
                    "[{}] chaincode {} failed for tx {}: {}",
                    channel.channelId(),
                    name,
                    proposal.txId(),
                    e.getMessage());
            return error("error in simulation: " + e.getMessage());
        }
        if (init && definition.initRequired() && result.response().getStatus() < 400) {
            simulator.setState(name, INITIALIZED_KEY, ByteString.copyFromUtf8(definition.version()));
        }
        ChaincodeID id = ChaincodeID.newBuilder()
                .setName(name)
                .setVersion(definition.version())
                .build();
        return respond(proposal, id, result.response(), simulator, result.event());
    }

    private static Optional<String> checkInit(ChaincodeDefinition definition, boolean init, TxSimulator simulator) {
        if (!definition.initRequired()) {
            return Optional.empty();
        }
        Optional<ByteString> initialized = simulator.getState(definition.name(), INITIALIZED_KEY);
        boolean done =
                initialized.isPresent() && initialized.get().toStringUtf8().equals(definition.version());
        if (init && done) {
            return Optional.of("chaincode '" + definition.name() + "' is already initialized but called as init");
        }
        if (!init && !done) {
            return Optional.of("chaincode '" + definition.name() + "' has not been initialized for this version,"
                    + " must call as init first");
        }
        return Optional.empty();
    }

    private ProposalResponse respond(
            UnpackedProposal proposal,
            ChaincodeID chaincodeId,
            Response response,
            TxSimulator simulator,
            Optional<ChaincodeEvent> event) {
        if (response.getStatus() >= 400 && response.getStatus() < 500) {
            metrics.chaincodeError(proposal);
            return ProposalResponse.newBuilder().setResponse(response).build();
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(simulator.results().bytes())
                .setResponse(response)
                .setChaincodeId(chaincodeId);
        event.ifPresent(e -> action.setEvents(e.toByteString()));
        ByteString prpBytes = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(proposal.proposalHash()))
                .setExtension(action.build().toByteString())
                .build()
                .toByteString();
        ProposalResponse.Builder out =
                ProposalResponse.newBuilder().setResponse(response).setPayload(prpBytes);
        if (response.getStatus() >= 500) {
            return out.build();
        }
        ByteString endorser = signer.serialized();
        byte[] signature = signer.sign(prpBytes.concat(endorser).toByteArray());
        return out.setVersion(1)
                .setEndorsement(
                        Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature)))
                .build();
    }

    private static ProposalResponse error(String message) {
        return ProposalResponse.newBuilder()
                .setResponse(Response.newBuilder().setStatus(500).setMessage(message))
                .build();
    }
}
