package io.weft.peer.operations;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Fabric's gRPC server metrics (common/grpcmetrics): requests received and completed and their duration per service,
 * method and status code, for unary and streaming calls, and the messages of streams. The service label is the
 * service's full name with dots replaced by underscores ({@code gateway_Gateway}, {@code protos_Endorser}), as on
 * Fabric. Add it to a server with {@code ServerInterceptors.intercept} or the builder's {@code intercept}.
 */
public final class GrpcServerMetrics implements ServerInterceptor {
    private final Calls unary;
    private final Calls stream;
    private final Metrics.Counter messagesReceived;
    private final Metrics.Counter messagesSent;

    private record Calls(Metrics.Counter received, Metrics.Counter completed, Metrics.Histogram duration) {}

    public GrpcServerMetrics(Metrics metrics) {
        unary = calls(metrics, "unary", "unary request");
        stream = calls(metrics, "stream", "stream request");
        messagesReceived = metrics.counter(
                "grpc_server_stream_messages_received", "The number of stream messages received.", "service", "method");
        messagesSent = metrics.counter(
                "grpc_server_stream_messages_sent", "The number of stream messages sent.", "service", "method");
    }

    private static Calls calls(Metrics metrics, String kind, String what) {
        return new Calls(
                metrics.counter(
                        "grpc_server_" + kind + "_requests_received",
                        "The number of " + what + "s received.",
                        "service",
                        "method"),
                metrics.counter(
                        "grpc_server_" + kind + "_requests_completed",
                        "The number of " + what + "s completed.",
                        "service",
                        "method",
                        "code"),
                metrics.histogram(
                        "grpc_server_" + kind + "_request_duration",
                        "The time to complete a " + what + ".",
                        "service",
                        "method",
                        "code"));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> descriptor = call.getMethodDescriptor();
        String service = descriptor.getServiceName() == null
                ? "unknown"
                : descriptor.getServiceName().replace('.', '_');
        String method = descriptor.getBareMethodName() == null ? "unknown" : descriptor.getBareMethodName();
        boolean streaming = descriptor.getType() != MethodDescriptor.MethodType.UNARY;
        Calls calls = streaming ? stream : unary;
        calls.received().inc(service, method);
        long started = System.nanoTime();
        AtomicBoolean completed = new AtomicBoolean();
        Consumer<Status.Code> complete = code -> {
            if (completed.compareAndSet(false, true)) {
                calls.completed().inc(service, method, code.name());
                calls.duration().observe((System.nanoTime() - started) / 1e9, service, method, code.name());
            }
        };
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                if (streaming) {
                    messagesSent.inc(service, method);
                }
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                complete.accept(status.getCode());
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(counted, headers)) {
            @Override
            public void onMessage(Q message) {
                if (streaming) {
                    messagesReceived.inc(service, method);
                }
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                complete.accept(Status.Code.CANCELLED); // the client went away before the server answered
                super.onCancel();
            }
        };
    }
}
