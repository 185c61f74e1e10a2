package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Maven project of a Java package with the host's Maven, for the process runtime (no Docker): code.tar.gz
 * is unpacked into a fresh folder, {@code mvn package} runs where pom.xml is with the peer's environment (so the
 * user's {@code ~/.m2} settings and repository), its output goes to the peer log, and the jar is picked from {@code
 * target/} ({@link MavenProject#builtJar}). A build that outlives {@code chaincode.installTimeout} is killed, with its
 * child processes. The folder is removed afterwards.
 */
public final class LocalMavenBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMavenBuilder.class);

    private final String mavenCommand;
    private final Duration timeout;

    /**
     * @param mavenCommand the Maven launcher: {@code mvn} (looked up on the PATH) or a path to one
     * @param timeout bound on one build ({@code chaincode.installTimeout})
     */
    public LocalMavenBuilder(String mavenCommand, Duration timeout) {
        this.mavenCommand = mavenCommand;
        this.timeout = timeout;
    }

    /** Builds the project in {@code workDir} (replaced) and returns the jar to run. */
    JavaChaincodeJar build(ChaincodePackage pkg, MavenProject project, Path workDir) {
        BuildDeadline deadline = BuildDeadline.after(timeout);
        try {
            deleteTree(workDir);
            for (TarFile file : pkg.codeFiles()) {
                Path target = workDir.resolve(file.name());
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
            }
            Path projectDir = project.folder().isEmpty() ? workDir : workDir.resolve(project.folder());
            LOG.info("building chaincode package {} ({}) with {}", pkg.packageId(), project.pomPath(), mavenCommand);
            run(pkg, projectDir, deadline);
            JavaChaincodeJar jar = MavenProject.builtJar(
                    targetJars(projectDir.resolve("target")), "chaincode package " + pkg.packageId());
            LOG.info(
                    "built chaincode package {}: {} ({} bytes)",
                    pkg.packageId(),
                    jar.name(),
                    jar.file().size());
            return jar;
        } catch (IOException e) {
            throw new ChaincodeException(
                    "could not build chaincode package " + pkg.packageId() + " in " + workDir + ": " + e.getMessage(),
                    e);
        } finally {
            try {
                deleteTree(workDir);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("could not remove the build folder {}: {}", workDir, e.getMessage());
            }
        }
    }

    private void run(ChaincodePackage pkg, Path projectDir, BuildDeadline deadline) throws IOException {
        List<String> command = new ArrayList<>(List.of(mavenCommand));
        command.addAll(MavenProject.MAVEN_ARGUMENTS);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(projectDir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ChaincodeException("chaincode package " + pkg.packageId() + " carries a Maven project, which the"
                    + " process runtime builds with the local Maven, but '" + mavenCommand + "' could not be run ("
                    + e.getMessage() + "): install Maven (mvn on the PATH), or use the Docker runtime, which builds"
                    + " in weft/javaenv-builder");
        }
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture.delayedExecutor(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(() -> {
                    if (process.isAlive()) {
                        killed.set(true);
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                    }
                });
        MavenBuildOutput output = new MavenBuildOutput(pkg.packageId());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line + "\n");
            }
        } catch (IOException e) {
            if (!killed.get()) {
                throw e;
            }
            // killing the build at the deadline closes its output under the reader: the deadline is the cause
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new ChaincodeException("interrupted while building chaincode package " + pkg.packageId(), e);
        }
        output.finish();
        if (killed.get()) {
            throw deadline.expired(pkg.packageId(), "the Maven build was killed");
        }
        if (exit != 0) {
            throw new ChaincodeException("the Maven build of chaincode package " + pkg.packageId() + " failed ("
                    + mavenCommand + " package exited with code " + exit + "); the end of its output:\n"
                    + output.tail());
        }
    }

    private static List<TarFile> targetJars(Path target) throws IOException {
        List<TarFile> jars = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            return jars;
        }
        try (Stream<Path> files = Files.list(target)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    jars.add(new TarFile(name, Files.readAllBytes(file)));
                }
            }
        }
        return jars;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
