package io.weft.peer.node;

import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a gRPC server on {@code directExecutor()}: moves each call's handler code, which may block (a simulation waits for
 * its chaincode, a submission for the orderer), to an executor, and runs the bookkeeping callbacks (ready, complete,
 * cancel, a unary call's request message) on the transport thread. A unary call then costs one thread hand-off instead
 * of one per callback (gRPC's default executor hands over the call's start, its message and half-close, readiness and
 * completion, parking and waking a pool thread each time). The callbacks of a call still run one at a time and in the
 * order they came, with the call's {@link Context}. Methods named as non-blocking run wholly on the transport thread.
 */
final class HandlerOffload implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerOffload.class);

    private final Executor executor;
    private final Set<String> nonBlockingMethods;

    /**
     * @param executor runs the handlers' code
     * @param nonBlockingMethods full method names (e.g. {@code gateway.Gateway/CommitStatus}) whose handlers never block
     *     and run on the transport thread
     */
    HandlerOffload(Executor executor, Set<String> nonBlockingMethods) {
        this.executor = executor;
        this.nonBlockingMethods = Set.copyOf(nonBlockingMethods);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (nonBlockingMethods.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        boolean unary = call.getMethodDescriptor().getType() == MethodType.UNARY;
        CallSerializer serial = new CallSerializer(executor, Context.current(), call);
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onMessage(Q message) {
                // a unary handler only keeps its one request here; a streaming handler's code runs on each message
                serial.run(() -> super.onMessage(message), !unary);
            }

            @Override
            public void onHalfClose() {
                serial.run(super::onHalfClose, true);
            }

            @Override
            public void onCancel() {
                serial.run(super::onCancel, false);
            }

            @Override
            public void onComplete() {
                serial.run(super::onComplete, false);
            }

            @Override
            public void onReady() {
                serial.run(super::onReady, false);
            }
        };
    }

    /**
     * One call's callbacks, in order, at most one at a time: a callback that may block goes to the executor; one that
     * cannot runs on the calling thread unless earlier callbacks are still queued or running, in which case it waits its
     * turn behind them (and then runs on the executor's thread, with them).
     */
    private static final class CallSerializer implements Runnable {
        private final Executor executor;
        private final Context context;
        private final ServerCall<?, ?> call;
        private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean busy = new AtomicBoolean();

        private record Task(Runnable callback, boolean blocking) {}

        CallSerializer(Executor executor, Context context, ServerCall<?, ?> call) {
            this.executor = executor;
            this.context = context;
            this.call = call;
        }

        void run(Runnable callback, boolean blocking) {
            queue.add(new Task(callback, blocking));
            if (busy.compareAndSet(false, true)) {
                if (blocking || !drainInline()) {
                    schedule();
                }
            }
        }

        /** Runs queued non-blocking callbacks here; false (still busy) when a blocking one must go to the executor. */
        private boolean drainInline() {
            while (true) {
                Task task = queue.peek();
                if (task == null) {
                    busy.set(false);
                    if (queue.isEmpty() || !busy.compareAndSet(false, true)) {
                        return true;
                    }
                    continue;
                }
                if (task.blocking()) {
                    return false;
                }
                queue.poll();
                invoke(task);
            }
        }

        private void schedule() {
            try {
                executor.execute(this);
            } catch (RuntimeException e) {
                // the executor refused (shutting down): the call cannot be served
                queue.clear();
                busy.set(false);
                closeQuietly(Status.UNAVAILABLE
                        .withDescription("the peer is shutting down")
                        .withCause(e));
            }
        }

        @Override
        public void run() {
            while (true) {
                Task task = queue.poll();
                if (task == null) {
                    busy.set(false);
                    if (queue.isEmpty() || !busy.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                Context previous = context.attach();
                try {
                    invoke(task);
                } finally {
                    context.detach(previous);
                }
            }
        }

        private void invoke(Task task) {
            try {
                task.callback().run();
            } catch (RuntimeException e) {
                // what gRPC's own executor does with a handler that throws: fail the call, keep serving
                LOG.warn(
                        "gRPC handler for {} failed", call.getMethodDescriptor().getFullMethodName(), e);
                closeQuietly(Status.fromThrowable(e));
            } catch (Error e) {
                closeQuietly(Status.fromThrowable(e));
                throw e;
            }
        }

        private void closeQuietly(Status status) {
            try {
                call.close(status, new Metadata());
            } catch (RuntimeException alreadyClosed) {
                // the call was already closed or cancelled
            }
        }
    }
}
