package io.weft.peer.chaincode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a chaincode when a transaction needs it and none of its streams is connected: one launch at a time per
 * chaincode id (concurrent transactions share it), the runtime's start on the launch executor, then a wait for the
 * chaincode to register, up to {@code chaincode.startuptimeout}. A chaincode whose process still runs without a stream
 * (it died half-way, or lost its connection) is stopped and started again.
 */
final class ChaincodeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeLauncher.class);

    private final HandlerRegistry registry;
    private final ChaincodePackageStore packages;
    private final ChaincodeRuntime runtime;
    private final ChaincodeExecutors executors;
    private final ChaincodeConfig config;
    private final ChaincodeStreamConnector connector;
    private final ChaincodeMetrics metrics;
    private final Optional<ChaincodeTlsAuthority> tls;
    private final Map<String, CompletableFuture<ChaincodeStreamHandler>> launches = new ConcurrentHashMap<>();

    ChaincodeLauncher(
            HandlerRegistry registry,
            ChaincodePackageStore packages,
            ChaincodeRuntime runtime,
            ChaincodeExecutors executors,
            ChaincodeConfig config,
            ChaincodeStreamConnector connector,
            ChaincodeMetrics metrics,
            Optional<ChaincodeTlsAuthority> tls) {
        this.registry = registry;
        this.packages = packages;
        this.runtime = runtime;
        this.executors = executors;
        this.config = config;
        this.connector = connector;
        this.metrics = metrics;
        this.tls = tls;
    }

    /** The chaincode's ready stream, launching it first when needed. */
    CompletableFuture<ChaincodeStreamHandler> launch(String chaincodeId) {
        ChaincodeStreamHandler ready = registry.ready(chaincodeId);
        if (ready != null) {
            return CompletableFuture.completedFuture(ready);
        }
        CompletableFuture<ChaincodeStreamHandler> mine = new CompletableFuture<>();
        CompletableFuture<ChaincodeStreamHandler> existing = launches.putIfAbsent(chaincodeId, mine);
        if (existing != null) {
            return existing;
        }
        var unused = mine.whenComplete((h, e) -> launches.remove(chaincodeId, mine));
        start(chaincodeId, mine);
        return mine;
    }

    /**
     * Runs one launch attempt; {@code launched} completes with its outcome once the attempt's bookkeeping (metrics,
     * cleanup) is done.
     */
    private void start(String chaincodeId, CompletableFuture<ChaincodeStreamHandler> launched) {
        CompletableFuture<ChaincodeStreamHandler> attempt = new CompletableFuture<>();
        CompletableFuture<ChaincodeStreamHandler> registered = registry.expect(chaincodeId);
        Duration timeout = config.startupTimeout();
        long started = System.nanoTime();
        ChaincodeException timeoutFailure = new ChaincodeException("timeout expired while starting chaincode "
                + chaincodeId + " for transaction (chaincode.startuptimeout " + timeout.toMillis() + " ms)");
        ScheduledFuture<?> timer = executors
                .timer()
                .schedule(() -> attempt.completeExceptionally(timeoutFailure), timeout.toNanos(), TimeUnit.NANOSECONDS);
        var unusedRegistered = registered.whenComplete((handler, e) -> {
            if (e == null) {
                attempt.complete(handler);
            } else {
                attempt.completeExceptionally(e);
            }
        });
        var unusedAttempt = attempt.whenComplete((handler, e) -> {
            timer.cancel(false);
            metrics.launched(
                    chaincodeId, Duration.ofNanos(System.nanoTime() - started), e == null, e == timeoutFailure);
            registry.unexpect(chaincodeId, registered);
            if (e != null) {
                LOG.warn("launching chaincode {} failed: {}", chaincodeId, e.getMessage());
                stopQuietly(chaincodeId);
                launched.completeExceptionally(e);
            } else {
                launched.complete(handler);
            }
        });
        try {
            executors.launches().execute(() -> runStart(chaincodeId, attempt));
        } catch (RejectedExecutionException e) {
            attempt.completeExceptionally(
                    new ChaincodeException("could not launch chaincode " + chaincodeId + ": launcher is saturated"));
        }
    }

    private void runStart(String chaincodeId, CompletableFuture<ChaincodeStreamHandler> result) {
        if (result.isDone()) {
            return;
        }
        try {
            Optional<ChaincodePackage> pkg = packages.find(chaincodeId);
            if (pkg.isEmpty() && !config.devMode()) {
                throw new ChaincodeException("chaincode install package '" + chaincodeId + "' not found");
            }
            if (runtime.isRunning(chaincodeId)) {
                LOG.info("chaincode {} runs but has no stream; restarting it", chaincodeId);
                runtime.stop(chaincodeId);
            }
            LOG.info("launching chaincode {}", chaincodeId);
            Optional<ChaincodeTlsFiles> tlsFiles = issueTlsFiles(chaincodeId, pkg, result);
            runtime.start(new ChaincodeLaunch(
                    chaincodeId,
                    pkg,
                    config.chaincodeAddress(),
                    config.localMspId(),
                    tlsFiles,
                    connector,
                    reason -> result.completeExceptionally(new ChaincodeException(
                            "chaincode " + chaincodeId + " exited before registering: " + reason))));
        } catch (ChaincodeException e) {
            result.completeExceptionally(
                    new ChaincodeException("could not launch chaincode " + chaincodeId + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            LOG.error("launching chaincode {} failed", chaincodeId, e);
            result.completeExceptionally(
                    new ChaincodeException("could not launch chaincode " + chaincodeId + ": " + e, e));
        }
    }

    /**
     * With TLS, a client certificate for this launch, bound to the chaincode until the launch completes; none for a
     * chaincode server the peer dials (ccaas), as on Fabric.
     */
    private Optional<ChaincodeTlsFiles> issueTlsFiles(
            String chaincodeId, Optional<ChaincodePackage> pkg, CompletableFuture<ChaincodeStreamHandler> result) {
        if (tls.isEmpty() || pkg.map(p -> p.metadata().isExternal()).orElse(false)) {
            return Optional.empty();
        }
        ChaincodeTlsAuthority authority = tls.get();
        ChaincodeTlsFiles files = authority.issue(chaincodeId);
        var unused = result.whenComplete((handler, e) -> authority.forget(files));
        return Optional.of(files);
    }

    private void stopQuietly(String chaincodeId) {
        try {
            executors.launches().execute(() -> {
                try {
                    if (registry.ready(chaincodeId) == null) {
                        runtime.stop(chaincodeId);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("stopping chaincode {} failed", chaincodeId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("not stopping chaincode {}: launcher shut down", chaincodeId);
        }
    }
}
