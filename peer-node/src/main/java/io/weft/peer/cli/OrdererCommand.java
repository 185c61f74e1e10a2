package io.weft.peer.cli;

import io.weft.peer.config.ConfigException;
import io.weft.peer.config.Environment;
import io.weft.peer.config.OrdererConfig;
import io.weft.peer.config.YamlConfig;
import io.weft.peer.node.OrdererNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code orderer [start]}: runs the ordering service from {@code $FABRIC_CFG_PATH/orderer.yaml} with {@code ORDERER_*}
 * overrides until SIGTERM or Ctrl-C. {@code orderer version} prints the version.
 */
@Command(
        name = "orderer",
        description = "Runs the ordering service (reads $FABRIC_CFG_PATH/orderer.yaml and ORDERER_* variables).",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        subcommands = {OrdererCommand.Start.class, OrdererCommand.Version.class})
final class OrdererCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "orderer.yaml to use (default: $FABRIC_CFG_PATH/orderer.yaml)")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        return run(spec, configFile);
    }

    static int run(CommandSpec spec, Path configFile) throws InterruptedException {
        Map<String, String> env = Environment.system();
        OrdererConfig config;
        try {
            Path file = configFile != null ? configFile : OrdererConfig.configFile(env);
            config = OrdererConfig.from(YamlConfig.load(file, "ORDERER", env));
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        OrdererNode node = new OrdererNode(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    node.close();
                    stopped.countDown();
                },
                "orderer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            node.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            node.close();
            if (e instanceof ConfigException) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            throw e;
        }
        stopped.await();
        return 0;
    }

    @Command(name = "start", description = "Starts the orderer (the default).", mixinStandardHelpOptions = true)
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "orderer.yaml to use")
        Path configFile;

        @Override
        public Integer call() throws InterruptedException {
            return run(spec, configFile);
        }
    }

    @Command(name = "version", description = "Prints the version.", mixinStandardHelpOptions = true)
    static final class Version implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(WeftVersion.describe("orderer"));
            return 0;
        }
    }
}
