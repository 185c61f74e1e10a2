package io.weft.peer.chaincode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode ({@code peer node start --peer-chaincodedev}): the developer starts the chaincode (with {@code
 * CORE_CHAINCODE_ID_NAME} and {@code CORE_PEER_ADDRESS} pointing at the peer's chaincode listener); the peer only
 * waits for it to register. Use it with {@link ChaincodeConfig#devMode()} on.
 */
public final class DevChaincodeRuntime implements ChaincodeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DevChaincodeRuntime.class);

    @Override
    public void start(ChaincodeLaunch launch) {
        LOG.info(
                "dev mode: waiting for chaincode {} to register (start it with CORE_CHAINCODE_ID_NAME={}"
                        + " CORE_PEER_ADDRESS={})",
                launch.chaincodeId(),
                launch.chaincodeId(),
                launch.peerAddress());
    }

    @Override
    public void stop(String chaincodeId) {}

    @Override
    public boolean isRunning(String chaincodeId) {
        return false;
    }

    @Override
    public void close() {}
}
