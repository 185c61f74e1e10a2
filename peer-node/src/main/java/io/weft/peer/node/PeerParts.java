package io.weft.peer.node;

import io.weft.msp.LocalMsp;
import io.weft.peer.chaincode.ChaincodeBuilder;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.chaincode.ChaincodeRuntime;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.endorser.ChaincodeDefinitionLookup;
import io.weft.peer.gateway.EndorserClient;
import io.weft.peer.operations.HealthCheck;
import io.weft.peer.scc.SystemChaincode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** The parts of a peer that the daemon and tests choose differently (STYLE.md: the few real-world seams). */
public interface PeerParts {
    ChaincodeRuntime runtime(PeerConfig config, ChaincodePackageStore packages, Executor launches);

    ChaincodeDefinitionLookup definitions(LocalMsp msp);

    /** @param builder builds packages at install ({@code _lifecycle} InstallChaincode): the chaincode runtime */
    Map<String, SystemChaincode> systemChaincodes(
            LocalMsp msp, ChannelManager channels, ChaincodePackageStore packages, ChaincodeBuilder builder);

    List<EndorserClient> remoteEndorsers(PeerConfig config);

    List<HealthCheck> healthChecks(PeerConfig config);
}
