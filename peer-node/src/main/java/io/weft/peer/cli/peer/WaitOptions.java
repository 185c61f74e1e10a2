package io.weft.peer.cli.peer;

import io.weft.peer.config.YamlConfig;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --waitForEvent} and {@code --waitForEventTimeout}. */
final class WaitOptions {
    @Option(
            names = "--waitForEvent",
            arity = "0..1",
            paramLabel = "BOOL",
            fallbackValue = "true",
            description = "Whether to wait for the event from each peer's deliver filtered service signifying that the"
                    + " transaction has been committed successfully")
    Boolean waitForEvent;

    @Option(
            names = "--waitForEventTimeout",
            paramLabel = "DURATION",
            description = "Time to wait for the event from each peer's deliver filtered service (default 30s)")
    String timeout = "30s";

    /** The time to wait, or null not to wait; {@code byDefault} is Fabric's default for the command. */
    Duration waitTimeout(CommandSpec spec, boolean byDefault) {
        boolean wait = waitForEvent == null ? byDefault : waitForEvent;
        if (!wait) {
            return null;
        }
        return YamlConfig.parseDuration(timeout.trim())
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "--waitForEventTimeout: expected a duration such as 30s, got '" + timeout + "'"));
    }
}
