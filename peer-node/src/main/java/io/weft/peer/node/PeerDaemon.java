package io.weft.peer.node;

import io.weft.peer.config.PeerConfig;
import io.weft.peer.config.YamlConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code peer node start}: runs a {@link PeerNode} until SIGTERM or Ctrl-C, then shuts it down gracefully. */
public final class PeerDaemon {
    private PeerDaemon() {}

    /**
     * @throws io.weft.peer.config.ConfigException when the configuration is wrong (every problem, each naming its key)
     */
    public static int run(Map<String, String> env, Path configFile, boolean chaincodeDevMode)
            throws InterruptedException {
        YamlConfig yaml = YamlConfig.load(configFile, "CORE", env);
        if (chaincodeDevMode) {
            yaml.override("chaincode.mode", "dev");
        }
        PeerNode node = new PeerNode(PeerConfig.from(yaml), Clock.systemUTC(), new DaemonParts());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    node.close();
                    stopped.countDown();
                },
                "peer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            node.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            node.close();
            throw e;
        }
        stopped.await();
        return 0;
    }
}
