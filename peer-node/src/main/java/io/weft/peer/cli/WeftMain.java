package io.weft.peer.cli;

/** Entry point of the one jar: the first argument names the tool, as the launchers in bin/ pass it. */
public final class WeftMain {
    private WeftMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        System.err.println("usage: weft.jar <tool> [args...]");
        return 2;
    }
}
