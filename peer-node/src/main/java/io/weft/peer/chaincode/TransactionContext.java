package io.weft.peer.chaincode;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's state of one transaction running on one chaincode stream: its invocation (simulator, namespace), its
 * open query iterators, whether a shim request is being served, and the outcome.
 *
 * <p>Ledger resources are released only when nothing uses them: the outcome (COMPLETED/ERROR from the chaincode, or a
 * failure: timeout, stream death, shutdown) is recorded by {@link #finish}, but the iterators are closed and {@link
 * #outcome()} completes only once no request of this transaction is being served and every chaincode it called has
 * finished. A request in progress touches the ledger for at most one batch, so this waits briefly; it is what keeps
 * a timed-out transaction from closing an iterator under a running request (Fabric issue #5048).
 */
final class TransactionContext {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionContext.class);

    private final TxKey key;
    private final ChaincodeInvocation invocation;
    private final String chaincodeId;
    private final Consumer<TransactionContext> onCompleted;
    private final CompletableFuture<ChaincodeMessage> outcome = new CompletableFuture<>();

    @GuardedBy("this")
    private final Map<String, QueryIterator<?>> iterators = new HashMap<>();

    @GuardedBy("this")
    private final Set<TransactionContext> children = new HashSet<>();

    /** A shim request of this transaction was accepted and not answered yet (one at a time, as Fabric). */
    @GuardedBy("this")
    private boolean requestPending;

    /** A thread is serving a request of this transaction and may be using the simulator or an iterator. */
    @GuardedBy("this")
    private boolean busy;

    @GuardedBy("this")
    private boolean done;

    @GuardedBy("this")
    private boolean completed;

    @GuardedBy("this")
    private ChaincodeMessage answer;

    @GuardedBy("this")
    private Throwable failure;

    @GuardedBy("this")
    private ScheduledFuture<?> timeout;

    /** {@code onCompleted} runs once, after the iterators are closed and before {@link #outcome()} completes. */
    TransactionContext(ChaincodeInvocation invocation, String chaincodeId, Consumer<TransactionContext> onCompleted) {
        this.key = new TxKey(invocation.channelId(), invocation.txId());
        this.invocation = invocation;
        this.chaincodeId = chaincodeId;
        this.onCompleted = onCompleted;
    }

    TxKey key() {
        return key;
    }

    ChaincodeInvocation invocation() {
        return invocation;
    }

    String namespace() {
        return invocation.chaincodeName();
    }

    String chaincodeId() {
        return chaincodeId;
    }

    /** Completes with the chaincode's COMPLETED or ERROR message, or exceptionally with a {@link ChaincodeException}. */
    CompletableFuture<ChaincodeMessage> outcome() {
        return outcome;
    }

    synchronized void setTimeout(ScheduledFuture<?> future) {
        if (completed) {
            future.cancel(false);
        } else {
            timeout = future;
        }
    }

    synchronized boolean isDone() {
        return done;
    }

    /**
     * Claims the transaction for one shim request. False when another request of it is pending (the message is then
     * dropped without an answer, as Fabric does) or the transaction has ended.
     */
    synchronized boolean tryBeginRequest() {
        if (done || requestPending) {
            return false;
        }
        requestPending = true;
        busy = true;
        return true;
    }

    /** The serving thread no longer touches the ledger (the request goes on asynchronously: a chaincode call). */
    void releaseLedger() {
        synchronized (this) {
            busy = false;
        }
        tryComplete();
    }

    /** Ends the current request; true when the transaction is still running and the answer should be sent. */
    boolean endRequest() {
        boolean live;
        synchronized (this) {
            requestPending = false;
            busy = false;
            live = !done;
        }
        tryComplete();
        return live;
    }

    /** Records the chaincode's final message (COMPLETED or ERROR). */
    void finish(ChaincodeMessage message) {
        end(message, null, null);
    }

    /** Ends the transaction with a failure (timeout, stream terminated, shutdown, caller ended). */
    void fail(Throwable cause) {
        end(null, cause, null);
    }

    /**
     * Ends the transaction at its execute timeout; {@code onTimeout} runs only if the transaction had not ended
     * otherwise, before anyone waiting for the outcome is told.
     */
    void timeOut(Throwable cause, Runnable onTimeout) {
        end(null, cause, onTimeout);
    }

    private void end(ChaincodeMessage message, Throwable cause, Runnable onEnded) {
        List<TransactionContext> toFail;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            answer = message;
            failure = cause;
            if (timeout != null) {
                timeout.cancel(false);
            }
            toFail = new ArrayList<>(children);
        }
        if (onEnded != null) {
            onEnded.run();
        }
        for (TransactionContext child : toFail) {
            child.fail(new ChaincodeException("chaincode " + child.namespace() + " called by " + namespace()
                    + " stopped: the calling transaction " + key.txId() + " ended"));
        }
        tryComplete();
    }

    /** Registers a called chaincode's context; false when this transaction has already ended. */
    synchronized boolean adoptChild(TransactionContext child) {
        if (done) {
            return false;
        }
        children.add(child);
        return true;
    }

    void childCompleted(TransactionContext child) {
        synchronized (this) {
            children.remove(child);
        }
        tryComplete();
    }

    synchronized void addIterator(String id, QueryIterator<?> iterator) {
        iterators.put(id, iterator);
    }

    synchronized QueryIterator<?> iterator(String id) {
        return iterators.get(id);
    }

    /** Closes and forgets an iterator; unknown ids are ignored. */
    void closeIterator(String id) {
        QueryIterator<?> it;
        synchronized (this) {
            it = iterators.remove(id);
        }
        if (it != null) {
            it.close();
        }
    }

    synchronized int openIterators() {
        return iterators.size();
    }

    private void tryComplete() {
        List<QueryIterator<?>> toClose;
        ChaincodeMessage message;
        Throwable cause;
        synchronized (this) {
            if (!done || completed || busy || !children.isEmpty()) {
                return;
            }
            completed = true;
            toClose = new ArrayList<>(iterators.values());
            iterators.clear();
            message = answer;
            cause = failure;
        }
        for (QueryIterator<?> it : toClose) {
            try {
                it.close();
            } catch (RuntimeException e) {
                LOG.warn("[{}] closing a query iterator of chaincode {} failed", key, namespace(), e);
            }
        }
        try {
            onCompleted.accept(this);
        } catch (RuntimeException e) {
            LOG.error("[{}] cleaning up the context of chaincode {} failed", key, namespace(), e);
        }
        if (cause != null) {
            outcome.completeExceptionally(cause);
        } else {
            outcome.complete(message);
        }
    }
}
