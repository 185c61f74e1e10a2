package io.weft.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the tools of the built {@code weft.jar} as real processes, as the {@code bin/} launchers do. */
final class WeftProcesses {
    /**
     * JVM options for tools that run for a few seconds: the C1 compiler only and the serial collector take about 40%
     * less CPU than the defaults, which counts on a 2-core machine running a network beside them.
     */
    private static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private WeftProcesses() {}

    static Path home() {
        return Path.of(System.getProperty("weft.home", "..")).toAbsolutePath().normalize();
    }

    static Path jar() {
        Path jar = home().resolve("peer-node/target/weft.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase of peer-node first");
        }
        return jar;
    }

    /**
     * Starts {@code weft up} with the options given, from the repository root (where it finds config/ and the sample
     * chaincode), its stdout in {@code out} and stderr in {@code err}.
     */
    static Process weftUp(Path out, Path err, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString(),
                "weft",
                "up"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
    }

    /** Starts a long-running tool (orderer, peer node start) with its output in {@code log}. */
    static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        return start(log, env, List.of(), args);
    }

    private static Process start(Path log, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** How a tool run ended: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {}

    /** Runs a tool to completion; fails with its output when it exits non-zero. */
    static String run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Result result = exec(dir, env, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", args) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** Runs a tool to completion, whatever its exit code; fails only when it does not finish. */
    static Result exec(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "cli", ".log");
        Process process = start(log, env, SHORT_RUN, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
