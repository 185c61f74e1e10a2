package io.weft.peer.node;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.CryptoProvider;
import io.weft.msp.LocalMsp;
import io.weft.msp.MspFolder;
import io.weft.peer.chaincode.ChaincodeConfig;
import io.weft.peer.chaincode.ChaincodeExecutors;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.ChaincodeSupport;
import io.weft.peer.chaincode.ChaincodeTlsAuthority;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.deliver.OrdererDeliverClient;
import io.weft.peer.deliver.PeerDeliverService;
import io.weft.peer.endorser.ChaincodeDefinitionLookup;
import io.weft.peer.endorser.Endorser;
import io.weft.peer.endorser.HeightCachedDefinitions;
import io.weft.peer.gateway.GatewayService;
import io.weft.peer.gateway.LocalEndorser;
import io.weft.peer.operations.GrpcServerMetrics;
import io.weft.peer.operations.LogSpec;
import io.weft.peer.operations.Metrics;
import io.weft.peer.operations.OperationsServer;
import io.weft.peer.scc.SystemChaincode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer daemon, the one composition root (STYLE.md "Wiring"): config → local MSP → ledgers → channels → chaincode
 * support → system chaincodes → endorser → gateway → gRPC servers → deliver clients → operations; closed in reverse.
 */
public final class PeerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerNode.class);

    private final PeerConfig config;
    private final Clock clock;
    private final PeerParts parts;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, OrdererDeliverClient> deliverClients = new ConcurrentHashMap<>();
    private LocalMsp msp;
    private ChannelManager channels;
    private Server server;
    private Server chaincodeServer;
    private OperationsServer operations;

    /**
     * @param parts the pieces that differ between the daemon and tests: the chaincode runtime, the system chaincodes and
     *     the definition lookup
     */
    public PeerNode(PeerConfig config, Clock clock, PeerParts parts) {
        this.config = config;
        this.clock = clock;
        this.parts = parts;
    }

    public synchronized void start() {
        LogSpec logSpec = LogSpec.parse(config.loggingSpec());
        logSpec.apply();
        CryptoProvider crypto = CryptoProvider.detect();
        msp = MspFolder.load(config.mspConfigPath(), config.localMspId(), crypto);
        LOG.info("peer {} identity: {}", config.peerId(), msp.signingIdentity().describe());
        Metrics metrics = new Metrics();
        LedgerProvider ledgers =
                LedgerProvider.open(new LedgerConfig(config.fileSystemPath(), config.totalQueryLimit(), true));
        closeables.add(ledgers);
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService validation = pool("validation", Math.max(2, cores));
        ExecutorService commit = pool("commit", 1);
        channels = new ChannelManager(ledgers, crypto, new BlockValidator(validation, crypto), commit, metrics);
        closeables.add(channels);
        channels.restore();

        ChaincodePackageStore packages =
                new ChaincodePackageStore(config.fileSystemPath(), ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        ExecutorService chaincodeRequests = pool("chaincode-requests", 64);
        ExecutorService launches = pool("chaincode-launch", 4);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("chaincode-timer"));
        closeables.add(timer::shutdownNow);
        var runtime = parts.runtime(config, packages, launches);
        closeables.add(runtime);
        ChaincodeDefinitionLookup definitions = new HeightCachedDefinitions(parts.definitions(msp));
        Optional<ChaincodeTlsAuthority> chaincodeTls = chaincodeTls(crypto);
        ChaincodeSupport chaincodeSupport = new ChaincodeSupport(
                chaincodeConfig(),
                packages,
                runtime,
                (channelId, name) -> channels.channel(channelId).flatMap(ch -> {
                    try (var state = ch.ledger().newQueryExecutor()) {
                        return definitions.definition(channelId, name, state).flatMap(d -> d.packageId());
                    }
                }),
                ledgers::get,
                new ChaincodeExecutors(chaincodeRequests, launches, timer),
                metrics,
                chaincodeTls);
        closeables.add(chaincodeSupport::close);
        GrpcServerMetrics grpcMetrics = new GrpcServerMetrics(metrics);
        NettyServerBuilder chaincodeListener = NettyServerBuilder.forAddress(
                        address(config.chaincodeListenAddress(), "peer.chaincodeListenAddress"))
                .maxInboundMessageSize((int) config.maxRecvMsgSize())
                // the stream handler never blocks: callbacks on the transport thread save a hop per message
                .directExecutor()
                .intercept(grpcMetrics);
        if (chaincodeTls.isPresent()) {
            chaincodeListener
                    .sslContext(chaincodeTls.get().serverContext(host(config.chaincodeAddress())))
                    .addService(chaincodeTls.get().authenticated(chaincodeSupport));
        } else {
            chaincodeListener.addService(chaincodeSupport);
        }
        chaincodeServer = listen(chaincodeListener, "peer.chaincodeListenAddress");

        Map<String, SystemChaincode> systemChaincodes = parts.systemChaincodes(msp, channels, packages, runtime);
        Endorser endorser = new Endorser(
                channels::channel,
                msp.msp(),
                msp.signingIdentity(),
                systemChaincodes,
                definitions,
                chaincodeSupport,
                config.authenticationTimeWindow(),
                clock,
                metrics,
                config.limits().endorserService(),
                config.chaincode().devMode());
        TlsOrdererConnections orderers = new TlsOrdererConnections();
        closeables.add(orderers);
        ExecutorService streams = pool("gateway-streams", 512);
        ExecutorService deliver = pool("deliver", 512);
        ExecutorService handlers = Executors.newCachedThreadPool(OrdererNode.numberedDaemons("peer-grpc"));
        closeables.add(handlers::shutdownNow);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                        address(config.listenAddress(), "peer.listenAddress"))
                .maxInboundMessageSize((int) config.maxRecvMsgSize())
                // handler code on the pool (one hand-off per call), gRPC's bookkeeping on the transport thread
                .directExecutor()
                .intercept(new HandlerOffload(
                        handlers,
                        Set.of(
                                GatewayGrpc.getSubmitMethod().getFullMethodName(),
                                GatewayGrpc.getCommitStatusMethod().getFullMethodName())))
                .intercept(grpcMetrics)
                .addService(endorser)
                .addService(new PeerDeliverService(channels::channel, deliver, clock));
        if (config.gateway().enabled()) {
            builder.addService(new GatewayService(
                    channels::channel,
                    new LocalEndorser(endorser, config.localMspId(), config.address()),
                    parts.remoteEndorsers(config),
                    orderers,
                    config.gateway().broadcastTimeout(),
                    streams,
                    config.limits().gatewayService()));
        }
        if (config.tls().enabled()) {
            builder.sslContext(config.tls().nettyServerContext());
        }
        server = listen(builder, "peer.listenAddress");

        channels.channels().forEach(id -> channels.channel(id).ifPresent(this::pullBlocks));
        channels.addJoinListener(this::pullBlocks);
        startOperations(metrics, logSpec);
        LOG.info(
                "peer {} started: services on {}{}, chaincode listener on {}{}",
                config.peerId(),
                config.listenAddress(),
                config.tls().enabled() ? " (TLS)" : "",
                config.chaincodeListenAddress(),
                chaincodeTls.isPresent() ? " (TLS, client certificates from the peer's chaincode CA)" : "");
    }

    /**
     * With peer TLS on, Fabric's private CA for the chaincode stream: created here, kept in memory only, gone when the
     * peer stops (chaincodes launched by an earlier run cannot reconnect).
     */
    private Optional<ChaincodeTlsAuthority> chaincodeTls(CryptoProvider crypto) {
        if (!config.tls().enabled()) {
            return Optional.empty();
        }
        if (config.chaincode().devMode()) {
            LOG.warn("peer.tls.enabled with chaincode dev mode: the chaincode listener requires client certificates"
                    + " that only chaincodes the peer launches receive; run dev mode with peer.tls.enabled false, as"
                    + " on Fabric");
        }
        return Optional.of(ChaincodeTlsAuthority.create(crypto, clock));
    }

    /** The host of {@code host:port} (brackets of an IPv6 literal removed), for the listener's certificate. */
    static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private void pullBlocks(Channel channel) {
        deliverClients.computeIfAbsent(channel.channelId(), id -> {
            OrdererDeliverClient client = new OrdererDeliverClient(
                    channel,
                    msp.signingIdentity(),
                    endpoint -> TlsOrdererConnections.open(endpoint, channel.config()),
                    OrdererDeliverClient.Settings.defaults(),
                    clock);
            client.start();
            return client;
        });
    }

    private void startOperations(Metrics metrics, LogSpec logSpec) {
        if (config.operationsListenAddress().isBlank()) {
            return;
        }
        metrics.gaugeFamily("ledger_blockchain_height", "Height of the chain in blocks.", "channel", () -> {
            Map<String, Double> heights = new TreeMap<>();
            for (String id : channels.channels()) {
                channels.channel(id)
                        .ifPresent(ch -> heights.put(id, (double) ch.ledger().height()));
            }
            return heights;
        });
        operations = new OperationsServer(
                address(config.operationsListenAddress(), "operations.listenAddress"),
                config.operationsTls(),
                parts.healthChecks(config),
                config.metricsProvider().equalsIgnoreCase("prometheus") ? Optional.of(metrics) : Optional.empty(),
                logSpec,
                WeftBuild.version(),
                clock);
        operations.start();
    }

    private ChaincodeConfig chaincodeConfig() {
        return new ChaincodeConfig(
                config.fileSystemPath(),
                config.chaincodeAddress(),
                config.localMspId(),
                ChaincodeConfig.clampStartupTimeout(config.chaincode().startupTimeout()),
                config.chaincode().executeTimeout(),
                config.chaincode().keepalive(),
                config.totalQueryLimit(),
                config.chaincode().devMode());
    }

    private static Server listen(NettyServerBuilder builder, String key) {
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot listen: " + e.getMessage());
        }
    }

    private static InetSocketAddress address(String hostPort, String key) {
        return OrdererNode.hostPort(hostPort, key);
    }

    private ExecutorService pool(String name, int threads) {
        ExecutorService pool = OrdererNode.boundedPool("peer-" + name, threads);
        closeables.add(pool::shutdownNow);
        return pool;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getPort();
    }

    public int chaincodePort() {
        return chaincodeServer.getPort();
    }

    public ChannelManager channels() {
        return channels;
    }

    @Override
    public synchronized void close() {
        if (operations != null) {
            operations.close();
        }
        deliverClients.values().forEach(OrdererDeliverClient::close);
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.shutdownNow();
            }
        }
        if (chaincodeServer != null) {
            // the chaincode streams live as long as the chaincodes: waiting for them to end would only wait out the
            // timeout; the proposals that used them have finished with the server above
            chaincodeServer.shutdownNow();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping the peer: {}", e.toString());
            }
        }
        closeables.clear();
        LOG.info("peer stopped");
    }
}
