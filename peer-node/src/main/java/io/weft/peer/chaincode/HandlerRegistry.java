package io.weft.peer.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaincode streams of this peer by chaincode id, and the launches waiting for a chaincode to register. Outside
 * dev mode a chaincode may register only while the peer launches it, as Fabric's peer refuses "external chaincode
 * connections"; a second stream with the id of a connected one is refused ("duplicate chaincodeID").
 */
final class HandlerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    private final boolean devMode;
    private final Map<String, ChaincodeStreamHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ChaincodeStreamHandler>> expected = new ConcurrentHashMap<>();

    HandlerRegistry(boolean devMode) {
        this.devMode = devMode;
    }

    /** Called on REGISTER; throws (and the stream is ended) when the registration is refused. */
    void register(ChaincodeStreamHandler handler) {
        String id = handler.chaincodeId();
        if (!devMode && !expected.containsKey(id)) {
            throw new ChaincodeException(
                    "peer will not accept external chaincode connection " + id + " (except in dev mode)");
        }
        ChaincodeStreamHandler existing = handlers.putIfAbsent(id, handler);
        if (existing != null) {
            throw new ChaincodeException("duplicate chaincodeID: " + id);
        }
    }

    /** The chaincode answered the handshake (REGISTERED, READY sent): launches waiting for it may proceed. */
    void ready(ChaincodeStreamHandler handler) {
        CompletableFuture<ChaincodeStreamHandler> waiting = expected.get(handler.chaincodeId());
        if (waiting != null) {
            waiting.complete(handler);
        }
    }

    void deregister(ChaincodeStreamHandler handler, ChaincodeException cause) {
        String id = handler.chaincodeId();
        if (id.isEmpty()) {
            return;
        }
        if (handlers.remove(id, handler)) {
            LOG.info("chaincode {} deregistered: {}", id, cause.getMessage());
        }
        CompletableFuture<ChaincodeStreamHandler> waiting = expected.get(id);
        if (waiting != null) {
            waiting.completeExceptionally(cause);
        }
    }

    /** The connected, ready stream of a chaincode, or null. */
    ChaincodeStreamHandler ready(String chaincodeId) {
        ChaincodeStreamHandler handler = handlers.get(chaincodeId);
        return handler != null && handler.state() == ChaincodeStreamHandler.State.READY ? handler : null;
    }

    /** Announces a launch: completes when the chaincode registers and is ready. */
    CompletableFuture<ChaincodeStreamHandler> expect(String chaincodeId) {
        CompletableFuture<ChaincodeStreamHandler> waiting = new CompletableFuture<>();
        expected.put(chaincodeId, waiting);
        ChaincodeStreamHandler already = ready(chaincodeId);
        if (already != null) {
            waiting.complete(already);
        }
        return waiting;
    }

    void unexpect(String chaincodeId, CompletableFuture<ChaincodeStreamHandler> waiting) {
        expected.remove(chaincodeId, waiting);
    }

    List<ChaincodeStreamHandler> all() {
        return new ArrayList<>(handlers.values());
    }
}
