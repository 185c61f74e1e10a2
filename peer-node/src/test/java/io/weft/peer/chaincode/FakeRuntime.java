package io.weft.peer.chaincode;

import io.grpc.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A runtime that "starts" a chaincode by connecting a {@link FakeChaincode} over the in-process channel. */
final class FakeRuntime implements ChaincodeRuntime {
    private final Channel channel;
    private final Map<String, Function<String, FakeChaincode>> factories = new ConcurrentHashMap<>();
    final Map<String, FakeChaincode> running = new ConcurrentHashMap<>();
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();

    FakeRuntime(Channel channel) {
        this.channel = channel;
    }

    void define(String chaincodeId, Map<String, FakeChaincode.Program> programs) {
        factories.put(chaincodeId, id -> new FakeChaincode(id, programs));
    }

    void define(String chaincodeId, Function<String, FakeChaincode> factory) {
        factories.put(chaincodeId, factory);
    }

    @Override
    public void start(ChaincodeLaunch launch) {
        Function<String, FakeChaincode> factory = factories.get(launch.chaincodeId());
        if (factory == null) {
            return; // nothing starts: the launch times out
        }
        starts.incrementAndGet();
        running.put(launch.chaincodeId(), factory.apply(launch.chaincodeId()).connect(channel));
    }

    @Override
    public void stop(String chaincodeId) {
        FakeChaincode cc = running.remove(chaincodeId);
        if (cc != null) {
            stops.incrementAndGet();
            if (cc.isAlive()) {
                cc.crash();
            }
        }
    }

    @Override
    public boolean isRunning(String chaincodeId) {
        FakeChaincode cc = running.get(chaincodeId);
        return cc != null && cc.isAlive();
    }

    @Override
    public void close() {
        running.keySet().forEach(this::stop);
    }
}
