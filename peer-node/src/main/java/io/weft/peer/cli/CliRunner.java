package io.weft.peer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a tool of the jar in-process and captures what it prints (for tests and for {@code weft} commands). */
public final class CliRunner {
    private CliRunner() {}

    /** A finished run. */
    public record Result(int exitCode, String out, String err) {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WeftMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
