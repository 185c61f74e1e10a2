package io.weft.peer.cli.peer;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The responses of a server stream, taken one at a time by the command's thread. */
final class ResponseQueue<T> implements StreamObserver<T> {
    /** One item of the stream: a response, the error that ended it, or its normal end. */
    private record Item<T>(T value, Throwable error, boolean completed) {}

    /** Nothing came within the time allowed. */
    static final class NoAnswer extends PeerCliException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }

    private final LinkedBlockingQueue<Item<T>> items = new LinkedBlockingQueue<>();

    @Override
    public void onNext(T value) {
        items.add(new Item<>(value, null, false));
    }

    @Override
    public void onError(Throwable t) {
        items.add(new Item<>(null, t, false));
    }

    @Override
    public void onCompleted() {
        items.add(new Item<>(null, null, true));
    }

    /**
     * The next response; empty when the stream ended normally.
     *
     * @throws PeerCliException when the stream failed; {@link NoAnswer} when nothing came within {@code timeout}
     */
    Optional<T> next(Endpoint endpoint, String action, Duration timeout) throws InterruptedException {
        Item<T> item = items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new PeerCliException(action + ": no answer from " + endpoint.describe() + " within " + timeout);
        }
        if (item.error() != null) {
            throw Connections.failure(endpoint, action, item.error());
        }
        return Optional.ofNullable(item.value());
    }
}
