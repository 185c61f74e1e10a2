package io.weft.shim;

import io.weft.shim.internal.GrpcTransports;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of a chaincode process: {@code Shim.start(chaincode, args)} from {@code main}. Reads Fabric's
 * environment and arguments ({@link ShimConfig#fromEnvironment}); dials the peer ({@code CORE_PEER_ADDRESS}), or, when
 * {@code CHAINCODE_SERVER_ADDRESS} is set, serves as a chaincode server the peer dials. Returns when the stream (or
 * server) has ended, so {@code main} can exit and the peer relaunches the chaincode when it next needs it.
 */
public final class Shim {
    private static final Logger LOG = LoggerFactory.getLogger(Shim.class);

    private Shim() {}

    /** @throws ShimException when the configuration is invalid or the server cannot bind */
    public static void start(Chaincode chaincode, String[] args) {
        run(ShimConfig.fromEnvironment(System.getenv(), args), chaincode);
    }

    /** Runs with an explicit configuration until the connection ends. */
    public static void run(ShimConfig config, Chaincode chaincode) {
        try {
            if (config.serverMode()) {
                runServer(config, chaincode);
            } else {
                runClient(config, chaincode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("interrupted; stopping chaincode '{}'", config.chaincodeId());
        }
    }

    private static void runClient(ShimConfig config, Chaincode chaincode) throws InterruptedException {
        LOG.info(
                "chaincode '{}' dialing peer {} (TLS {})",
                config.chaincodeId(),
                config.peerAddress(),
                config.tls().enabled() ? "on" : "off");
        try (ChaincodeClient client = new ChaincodeClient(config, chaincode, GrpcTransports.peerChannel(config))) {
            client.start();
            client.awaitTermination();
        }
    }

    private static void runServer(ShimConfig config, Chaincode chaincode) throws InterruptedException {
        ChaincodeServer server = new ChaincodeServer(config, chaincode, GrpcTransports.chaincodeServer(config));
        try {
            server.start();
        } catch (IOException e) {
            throw new ShimException("cannot listen on CHAINCODE_SERVER_ADDRESS " + config.serverAddress(), e);
        }
        LOG.info(
                "chaincode '{}' serving on {} (TLS {})",
                config.chaincodeId(),
                config.serverAddress(),
                config.tls().enabled() ? "on" : "off");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "weft-chaincode-server-shutdown"));
        server.awaitTermination();
    }
}
