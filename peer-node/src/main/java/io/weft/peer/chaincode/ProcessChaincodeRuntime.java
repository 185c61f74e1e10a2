package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Java chaincode package as a child JVM, for machines without Docker: the package's jar, or the jar its
 * Maven project builds with the host's Maven ({@link LocalMavenBuilder}, at install or at the first launch), is written
 * to {@code <peer.fileSystemPath>/chaincodes/<label>.<hash>/chaincode.jar} and started with the peer's own {@code java}
 * and Fabric's environment (only that, plus PATH/LANG/TZ: the peer's own {@code CORE_*} variables do not leak into the
 * chaincode). With TLS on the chaincode stream, the launch's client key, certificate and the peer's chaincode CA
 * are written to a fresh owner-only directory {@code <label>.<hash>/tls-<random>/} beside the jar (Fabric's file
 * names, {@code CORE_TLS_*} and {@code CORE_PEER_TLS_ROOTCERT_FILE} pointing at them) and removed when the process
 * ends. Output goes to the peer log; the process is stopped (SIGTERM, then SIGKILL after 5 s) on {@link #stop} and
 * {@link #close}.
 */
public final class ProcessChaincodeRuntime implements ChaincodeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessChaincodeRuntime.class);
    private static final List<String> INHERITED_ENV = List.of("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR");
    private static final String TLS_DIR_PREFIX = "tls-";
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path chaincodesDir;
    private final Path java;
    private final List<String> jvmOptions;
    private final Executor logPumps;
    private final LocalMavenBuilder mavenBuilder;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();

    /**
     * @param fileSystemPath {@code peer.fileSystemPath}
     * @param java the {@code java} executable ({@link #currentJava()} for the peer's own)
     * @param jvmOptions options before {@code -jar} (heap size, ...)
     * @param logPumps one long-running task per running chaincode copies its output
     * @param mavenBuilder builds the packages that carry a Maven project
     */
    public ProcessChaincodeRuntime(
            Path fileSystemPath,
            Path java,
            List<String> jvmOptions,
            Executor logPumps,
            LocalMavenBuilder mavenBuilder) {
        this.chaincodesDir = fileSystemPath.resolve("chaincodes");
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logPumps = logPumps;
        this.mavenBuilder = mavenBuilder;
    }

    /** The {@code java} of the running JVM. */
    public static Path currentJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public void start(ChaincodeLaunch launch) {
        ChaincodePackage pkg = launch.requirePackage();
        if (!pkg.metadata().isJava()) {
            throw new ChaincodeException("the process runtime runs Java chaincode only, package " + pkg + " is not");
        }
        JavaChaincodeJar jar = prepare(pkg);
        Path jarPath = jarPath(pkg);
        Path tlsDir = launch.tls().isPresent()
                ? writeTlsFiles(jarPath.getParent(), launch.tls().get())
                : null;
        try {
            startProcess(launch, jar, jarPath, tlsDir);
        } catch (RuntimeException e) {
            deleteQuietly(tlsDir);
            throw e;
        }
    }

    private void startProcess(ChaincodeLaunch launch, JavaChaincodeJar jar, Path jarPath, Path tlsDir) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(jar.javaArguments(jarPath.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(jarPath.getParent().toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        INHERITED_ENV.forEach(name -> {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        });
        env.putAll(launch.environment(tlsDir == null ? "" : tlsDir.toString()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ChaincodeException(
                    "could not start " + java + " for chaincode " + launch.chaincodeId() + ": " + e.getMessage(), e);
        }
        processes.put(launch.chaincodeId(), process);
        LOG.info("started chaincode {} as process {}", launch.chaincodeId(), process.pid());
        try {
            logPumps.execute(() -> ChaincodeLogs.pump(launch.chaincodeId(), process.getInputStream()));
        } catch (RejectedExecutionException e) {
            LOG.warn("no log pump for chaincode {}: its output is discarded", launch.chaincodeId());
        }
        var unused = process.onExit().thenAccept(p -> {
            processes.remove(launch.chaincodeId(), p);
            deleteQuietly(tlsDir);
            LOG.info("chaincode {} (process {}) exited with code {}", launch.chaincodeId(), p.pid(), p.exitValue());
            launch.exited().accept("process exited with code " + p.exitValue());
        });
    }

    /**
     * Writes the launch's TLS files into a new directory only the peer's user can read, after removing those of earlier
     * launches of the package (a chaincode reads them once, when it starts).
     */
    private static Path writeTlsFiles(Path chaincodeDir, ChaincodeTlsFiles tls) {
        Path dir = null;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(chaincodeDir, TLS_DIR_PREFIX + "*")) {
            stale.forEach(ProcessChaincodeRuntime::deleteQuietly);
            dir = Files.createTempDirectory(chaincodeDir, TLS_DIR_PREFIX); // rwx------ where POSIX
            boolean posix =
                    chaincodeDir.getFileSystem().supportedFileAttributeViews().contains("posix");
            for (Map.Entry<String, byte[]> file : tls.files().entrySet()) {
                Path target = dir.resolve(file.getKey());
                if (posix) {
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
                }
                Files.write(target, file.getValue());
            }
            return dir;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new ChaincodeException(
                    "could not write the chaincode's TLS files in " + chaincodeDir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the chaincode TLS files in {}: {}", dir, e.toString());
        }
    }

    /** Builds (a Maven project) or extracts (a jar) the package's jar now, so that a launch only starts it. */
    @Override
    public void build(ChaincodePackage pkg) {
        if (!pkg.metadata().isJava()) {
            throw new ChaincodeException("the process runtime runs Java chaincode only, package " + pkg + " is not");
        }
        var unused = prepare(pkg);
    }

    /** The package's jar at {@link #jarPath}, written once per package (atomically) so a relaunch reuses it. */
    private JavaChaincodeJar prepare(ChaincodePackage pkg) {
        Path target = jarPath(pkg);
        synchronized (buildLocks.computeIfAbsent(pkg.packageId(), id -> new Object())) {
            JavaPackageCode code = JavaPackageCode.detect(pkg);
            try {
                if (code instanceof JavaChaincodeJar prebuilt) {
                    if (!Files.exists(target)) {
                        write(target, prebuilt.content());
                    }
                    return prebuilt;
                }
                if (Files.exists(target)) {
                    return JavaChaincodeJar.of(
                            target.toString(), new TarFile("chaincode.jar", Files.readAllBytes(target)));
                }
                JavaChaincodeJar built = mavenBuilder.build(
                        pkg, (MavenProject) code, target.getParent().resolve("build"));
                write(target, built.content());
                return built;
            } catch (IOException e) {
                throw new ChaincodeException(
                        "could not write the jar of " + pkg.packageId() + " to " + target + ": " + e.getMessage(), e);
            }
        }
    }

    private Path jarPath(ChaincodePackage pkg) {
        return chaincodesDir.resolve(pkg.metadata().label() + "." + pkg.hash()).resolve("chaincode.jar");
    }

    private static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".chaincode.", ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void stop(String chaincodeId) {
        Process process = processes.remove(chaincodeId);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("stopped chaincode {}", chaincodeId);
    }

    @Override
    public boolean isRunning(String chaincodeId) {
        Process process = processes.get(chaincodeId);
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        new ArrayList<>(processes.keySet()).forEach(this::stop);
    }
}
