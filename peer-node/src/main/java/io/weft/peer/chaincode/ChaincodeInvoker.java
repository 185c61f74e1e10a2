package io.weft.peer.chaincode;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the endorser calls: run a chaincode for one proposal, launching it first if it is not running. */
public interface ChaincodeInvoker {
    /**
     * Completes with the chaincode's answer, or exceptionally with a {@link ChaincodeException} when the chaincode
     * could not be launched, answered ERROR ("transaction returned with failure: ..."), timed out ("timeout expired
     * while executing transaction") or its stream died ("chaincode stream terminated").
     */
    CompletableFuture<ChaincodeResult> executeAsync(ChaincodeInvocation invocation);

    /** Blocking form of {@link #executeAsync}; failures surface as {@link ChaincodeException}. */
    default ChaincodeResult execute(ChaincodeInvocation invocation) {
        try {
            return executeAsync(invocation).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeException("interrupted while executing transaction " + invocation.txId(), e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ChaincodeException ce) {
                throw ce;
            }
            throw new ChaincodeException(
                    "failed to execute transaction " + invocation.txId() + ": " + cause.getMessage(), cause);
        }
    }
}
