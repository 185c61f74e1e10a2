package io.weft.peer.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * Entry point of the one jar: the first argument names the tool, as the launchers in {@code bin/} pass it, and the
 * rest go to that tool's picocli command. Errors are one line on stderr without a stack trace; the exit code is 2 for
 * usage and configuration errors and 1 for failures while running.
 */
public final class WeftMain {
    static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

    private static final Logger LOG = LoggerFactory.getLogger(WeftMain.class);

    /** Tool name to a new instance of its top-level command. Add peer, orderer, osnadmin, configtxgen, weft here. */
    private static final Map<String, Supplier<Object>> TOOLS = Map.of(
            "cryptogen",
            CryptogenCommand::new,
            "configtxgen",
            ConfigtxgenCommand::new,
            "orderer",
            OrdererCommand::new,
            "osnadmin",
            OsnadminCommand::new,
            "weft",
            io.weft.peer.cli.weft.WeftCommand::new,
            "peer",
            io.weft.peer.cli.peer.PeerCommand::new);

    private WeftMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(System.out, true, charset);
        PrintWriter err = new PrintWriter(System.err, true, charset);
        return run(args, out, err);
    }

    /** Runs a tool and returns its exit code; what it prints goes to {@code out} and {@code err}. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            if (args.length == 0) {
                err.println("usage: weft.jar <tool> [args...]; tools: " + toolNames());
                return USAGE_ERROR;
            }
            Supplier<Object> tool = TOOLS.get(args[0]);
            if (tool == null) {
                err.println("weft: unknown tool '" + args[0] + "'; tools: " + toolNames());
                return USAGE_ERROR;
            }
            CommandLine commandLine = new CommandLine(tool.get());
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.setParameterExceptionHandler(usageErrors(err));
            commandLine.setExecutionExceptionHandler(failures(err));
            return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static IParameterExceptionHandler usageErrors(PrintWriter err) {
        return (exception, args) -> {
            String command = exception.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + oneLine(exception.getMessage()) + " (see '" + command + " --help')");
            return USAGE_ERROR;
        };
    }

    private static IExecutionExceptionHandler failures(PrintWriter err) {
        return (exception, commandLine, parseResult) -> {
            LOG.debug("{} failed", commandLine.getCommandSpec().qualifiedName(), exception);
            String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(message));
            return FAILURE;
        };
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String toolNames() {
        return String.join(", ", TOOLS.keySet().stream().sorted().toList());
    }
}
