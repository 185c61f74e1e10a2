package io.weft.peer.cli.peer;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code peer} subcommand: usage and configuration errors ({@link ParameterException}) go to picocli's
 * handler (one line, exit 2); failures while running print Fabric's {@code Error: <message>} line on stderr, without a
 * stack trace, and exit 1.
 */
abstract class PeerSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (ParameterException e) {
            throw e;
        } catch (PeerCliException e) {
            spec.commandLine().getErr().println("Error: " + oneLine(e.getMessage()));
            return 1;
        }
    }

    /** Runs the command; returns the exit code. */
    abstract int execute() throws Exception;

    /** A usage or configuration error naming what to fix (exit 2). */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    void println(String line) {
        spec.commandLine().getOut().println(line);
    }

    /** What Fabric's CLI logs at INFO (on stderr, as Fabric's logger writes). */
    void log(String line) {
        spec.commandLine().getErr().println(line);
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
