package io.weft.peer.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.TxSimulator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

/**
 * INVOKE_CHAINCODE (fabric-protocol.md §1.6): the target is {@code name[:version][/channel]} (the version is
 * ignored, as Fabric does). On the caller's channel the callee runs in the same transaction with the same simulator,
 * so its reads and writes land in its own namespace of the caller's read-write set. On another channel it runs on a
 * fresh simulator of that channel whose results are discarded: such calls are read-only, as on Fabric. The answer is
 * the callee's whole COMPLETED or ERROR message, serialized into the RESPONSE payload; its event is dropped (only the
 * top-level chaincode's event goes into the transaction).
 *
 * <p>The caller's request stays pending while the callee runs, but it releases the ledger, so a timeout of the caller
 * ends the callee and completes without waiting for it to launch. Not checked (yet): the ACL {@code
 * peer/ChaincodeToChaincode} against the signed proposal.
 */
final class ChaincodeCalls {
    /** Runs a chaincode (launching it if needed) as a call of {@code parent}. */
    @FunctionalInterface
    interface Executor {
        CompletableFuture<ChaincodeMessage> execute(ChaincodeInvocation invocation, TransactionContext parent);
    }

    private final ChaincodeResolver resolver;
    private final LedgerLookup ledgers;
    private final Executor executor;

    ChaincodeCalls(ChaincodeResolver resolver, LedgerLookup ledgers, Executor executor) {
        this.resolver = resolver;
        this.ledgers = ledgers;
        this.executor = executor;
    }

    /** Starts the call; {@code reply} gets the RESPONSE or ERROR for the caller, on some thread. */
    void invoke(TransactionContext caller, ChaincodeMessage request, Consumer<ChaincodeMessage> reply)
            throws InvalidProtocolBufferException {
        ChaincodeSpec spec = ChaincodeSpec.parseFrom(request.getPayload());
        Target target =
                Target.parse(spec.getChaincodeId().getName(), caller.key().channelId());
        ChaincodeInvocation parent = caller.invocation();
        TxSimulator simulator = parent.simulator();
        CompletableFuture<ChaincodeMessage> call;
        String chaincodeId = resolver.chaincodeId(target.channelId, target.name)
                .orElseThrow(() -> new ChaincodeException("chaincode " + target.name + " is not defined on channel "
                        + target.channelId + " or not installed on this peer"));
        if (target.channelId.equals(caller.key().channelId())) {
            call = executor.execute(
                    new ChaincodeInvocation(
                            target.channelId,
                            parent.txId(),
                            target.name,
                            chaincodeId,
                            spec.getInput(),
                            parent.signedProposal(),
                            false,
                            simulator,
                            parent.historyReader()),
                    caller);
        } else {
            ChannelLedger ledger = ledgers.get(target.channelId)
                    .orElseThrow(
                            () -> new ChaincodeException("failed to find ledger for channel: " + target.channelId));
            TxSimulator other = ledger.newTxSimulator(parent.txId());
            try {
                call = executor.execute(
                        new ChaincodeInvocation(
                                target.channelId,
                                parent.txId(),
                                target.name,
                                chaincodeId,
                                spec.getInput(),
                                parent.signedProposal(),
                                false,
                                other,
                                ledger.historyReader()),
                        caller);
            } catch (RuntimeException e) {
                other.close();
                throw e;
            }
            call = call.whenComplete((m, e) -> other.close());
        }
        caller.releaseLedger();
        var unused = call.whenComplete((answer, failure) -> reply.accept(
                failure == null
                        ? ChaincodeMessage.newBuilder()
                                .setType(ChaincodeMessage.Type.RESPONSE)
                                .setPayload(answer.toByteString())
                                .setTxid(request.getTxid())
                                .setChannelId(request.getChannelId())
                                .build()
                        : ChaincodeStreamHandler.error(
                                request, "execute failed: " + unwrap(failure).getMessage())));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** A parsed {@code name[:version][/channel]}. */
    private record Target(String name, String channelId) {
        static Target parse(String spec, String callerChannel) {
            String rest = spec;
            String channel = callerChannel;
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                channel = rest.substring(slash + 1);
                rest = rest.substring(0, slash);
            }
            int colon = rest.indexOf(':');
            String name = colon >= 0 ? rest.substring(0, colon) : rest;
            if (name.isEmpty()) {
                throw new ChaincodeException("INVOKE_CHAINCODE names no chaincode (\"" + spec + "\")");
            }
            return new Target(name, channel.isEmpty() ? callerChannel : channel);
        }
    }
}
