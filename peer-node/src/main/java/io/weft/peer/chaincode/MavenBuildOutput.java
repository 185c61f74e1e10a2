package io.weft.peer.chaincode;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The output of a chaincode's Maven build: each line goes to the peer log under the chaincode output logger, prefixed
 * with the package id and {@code build}, and the last {@link #TAIL_LINES} are kept for the error when the build fails.
 * Takes text in pieces of any size (Docker log frames) and splits it into lines.
 */
final class MavenBuildOutput {
    static final int TAIL_LINES = 40;
    private static final int MAX_TAIL_LINE_CHARS = 1000;

    private final String source;

    @GuardedBy("this")
    private final Deque<String> tail = new ArrayDeque<>();

    @GuardedBy("this")
    private final StringBuilder partial = new StringBuilder();

    /** @param packageId the package being built, to tell its lines in the log */
    MavenBuildOutput(String packageId) {
        this.source = packageId + " build";
    }

    /** Appends output; complete lines are logged at once. */
    synchronized void append(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
    }

    /** Logs what is left of an unfinished last line. */
    synchronized void finish() {
        if (partial.length() > 0) {
            line(partial.toString());
            partial.setLength(0);
        }
    }

    @GuardedBy("this")
    private void line(String line) {
        if (line.isBlank()) {
            return;
        }
        ChaincodeLogs.line(source, line);
        tail.addLast(line.length() > MAX_TAIL_LINE_CHARS ? line.substring(0, MAX_TAIL_LINE_CHARS) + "..." : line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** The last lines, indented, one per line, for an error message. */
    synchronized String tail() {
        if (tail.isEmpty()) {
            return "  (no output)";
        }
        StringBuilder out = new StringBuilder();
        for (String line : tail) {
            out.append(out.length() == 0 ? "" : "\n").append("  ").append(line);
        }
        return out.toString();
    }
}
