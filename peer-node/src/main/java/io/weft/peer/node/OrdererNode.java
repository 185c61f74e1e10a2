package io.weft.peer.node;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.CryptoProvider;
import io.weft.msp.LocalMsp;
import io.weft.msp.MspFolder;
import io.weft.orderer.AtomicBroadcastService;
import io.weft.orderer.ChannelParticipationApi;
import io.weft.orderer.ChannelRegistrar;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.OrdererConfig;
import io.weft.peer.operations.LogSpec;
import io.weft.peer.operations.Metrics;
import io.weft.peer.operations.OperationsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordering service process: local MSP, the orderer's ledgers, the channel registrar with its consenters, the gRPC
 * server (AtomicBroadcast) and the channel participation admin endpoint. Built in {@link #start}, closed in reverse.
 */
public final class OrdererNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrdererNode.class);

    private final OrdererConfig config;
    private final Clock clock;
    private LedgerProvider ledgers;
    private ChannelRegistrar registrar;
    private ExecutorService deliverExecutor;
    private Server grpcServer;
    private HttpServer adminServer;
    private ExecutorService adminExecutor;
    private OperationsServer operations;

    public OrdererNode(OrdererConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized void start() {
        LogSpec.parse(config.loggingSpec()).apply();
        CryptoProvider crypto = CryptoProvider.detect();
        LocalMsp msp = MspFolder.load(config.localMspDir(), config.localMspId(), crypto);
        LOG.info("orderer identity: {}", msp.signingIdentity().describe());
        ledgers = LedgerProvider.open(LedgerConfig.defaults(config.fileLedgerLocation()));
        registrar = new ChannelRegistrar(ledgers, msp.signingIdentity(), crypto, config.ordererQueueCapacity());
        registrar.start();
        deliverExecutor = boundedPool("orderer-deliver", 256);
        grpcServer = buildGrpcServer();
        adminServer = buildAdminServer();
        if (!config.operationsListenAddress().isBlank()) {
            Metrics metrics = new Metrics();
            for (String channelId : registrar.channels()) {
                metrics.gauge(
                        "ledger_blockchain_height",
                        "Height of the chain in blocks.",
                        new String[] {"channel"},
                        new String[] {channelId},
                        () -> registrar
                                .channel(channelId)
                                .map(c -> (double) c.ledger().height())
                                .orElse(0.0));
            }
            operations = new OperationsServer(
                    hostPort(config.operationsListenAddress(), "Operations.ListenAddress"),
                    config.operationsTls(),
                    List.of(),
                    config.metricsProvider().equalsIgnoreCase("prometheus") ? Optional.of(metrics) : Optional.empty(),
                    LogSpec.parse(config.loggingSpec()),
                    WeftBuild.version(),
                    clock);
            operations.start();
        }
        LOG.info(
                "orderer started: gRPC on {}:{}{}, admin on {}",
                config.listenHost(),
                port(),
                config.tls().enabled() ? " (TLS)" : "",
                config.adminListenAddress());
    }

    private Server buildGrpcServer() {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                        new InetSocketAddress(config.listenHost(), config.listenPort()))
                .maxInboundMessageSize(100 * 1024 * 1024)
                // Broadcast only checks and enqueues, Deliver hands its streams to deliverExecutor: callbacks on the
                // transport thread save a thread hand-off per message
                .directExecutor()
                .addService(new AtomicBroadcastService(registrar, registrar::channel, deliverExecutor, clock));
        if (config.tls().enabled()) {
            builder.sslContext(config.tls().nettyServerContext());
        }
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new ConfigException("General.ListenAddress/ListenPort: cannot listen on " + config.listenHost() + ":"
                    + config.listenPort() + ": " + e.getMessage());
        }
    }

    private HttpServer buildAdminServer() {
        if (!config.channelParticipationEnabled()) {
            return null;
        }
        InetSocketAddress address = hostPort(config.adminListenAddress(), "Admin.ListenAddress");
        try {
            HttpServer server;
            if (config.adminTls().enabled()) {
                HttpsServer https = HttpsServer.create(address, 0);
                var context = config.adminTls().jdkContext(true);
                boolean clientAuth = config.adminTls().clientAuthRequired();
                https.setHttpsConfigurator(new HttpsConfigurator(context) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters parameters = context.getDefaultSSLParameters();
                        parameters.setNeedClientAuth(clientAuth);
                        params.setSSLParameters(parameters);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
            server.createContext(ChannelParticipationApi.BASE, new ChannelParticipationApi(registrar));
            adminExecutor = boundedPool("orderer-admin", 4);
            server.setExecutor(adminExecutor);
            server.start();
            return server;
        } catch (IOException e) {
            throw new ConfigException("Admin.ListenAddress: cannot listen on " + address + ": " + e.getMessage());
        }
    }

    static InetSocketAddress hostPort(String value, String key) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(key + ": expected host:port, got '" + value + "'");
        }
        try {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": expected host:port, got '" + value + "'");
        }
    }

    static ExecutorService boundedPool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), numberedDaemons(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    static ThreadFactory numberedDaemons(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The gRPC port (the bound one when 0 was configured). */
    public int port() {
        return grpcServer.getPort();
    }

    public int adminPort() {
        return adminServer == null ? -1 : adminServer.getAddress().getPort();
    }

    public ChannelRegistrar registrar() {
        return registrar;
    }

    @Override
    public synchronized void close() {
        if (operations != null) {
            operations.close();
        }
        if (adminServer != null) {
            adminServer.stop(0);
            adminExecutor.shutdownNow();
        }
        if (grpcServer != null) {
            grpcServer.shutdown();
            try {
                if (!grpcServer.awaitTermination(5, TimeUnit.SECONDS)) {
                    grpcServer.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                grpcServer.shutdownNow();
            }
        }
        if (deliverExecutor != null) {
            deliverExecutor.shutdownNow();
        }
        if (registrar != null) {
            registrar.close();
        }
        if (ledgers != null) {
            ledgers.close();
        }
        LOG.info("orderer stopped");
    }
}
