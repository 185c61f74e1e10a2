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

    /** Starts a long-running tool (orderer, peer node start) with its output in {@code log}. */
    static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs a tool to completion; fails with its output when it exits non-zero. */
    static String run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "cli", ".log");
        Process process = start(log, env, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish: " + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
