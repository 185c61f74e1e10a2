package io.weft.peer.chaincode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the runtime by package type: {@code ccaas}/{@code external} packages go to the external runtime (the peer
 * dials the chaincode server), everything else (Java) to the configured one (Docker, process or dev).
 */
public final class RoutingChaincodeRuntime implements ChaincodeRuntime {
    private final ChaincodeRuntime java;
    private final ChaincodeRuntime external;
    private final Map<String, ChaincodeRuntime> started = new ConcurrentHashMap<>();

    public RoutingChaincodeRuntime(ChaincodeRuntime java, ChaincodeRuntime external) {
        this.java = java;
        this.external = external;
    }

    @Override
    public void build(ChaincodePackage pkg) {
        (pkg.metadata().isExternal() ? external : java).build(pkg);
    }

    @Override
    public void start(ChaincodeLaunch launch) {
        ChaincodeRuntime runtime =
                launch.chaincodePackage().map(p -> p.metadata().isExternal()).orElse(false) ? external : java;
        started.put(launch.chaincodeId(), runtime);
        runtime.start(launch);
    }

    @Override
    public void stop(String chaincodeId) {
        ChaincodeRuntime runtime = started.remove(chaincodeId);
        if (runtime != null) {
            runtime.stop(chaincodeId);
        }
    }

    @Override
    public boolean isRunning(String chaincodeId) {
        ChaincodeRuntime runtime = started.get(chaincodeId);
        return runtime != null && runtime.isRunning(chaincodeId);
    }

    @Override
    public void close() {
        try {
            java.close();
        } finally {
            external.close();
        }
    }
}
