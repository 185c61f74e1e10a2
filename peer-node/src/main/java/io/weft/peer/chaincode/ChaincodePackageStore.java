package io.weft.peer.chaincode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installed chaincode packages, stored as Fabric 2.x stores them: {@code
 * <peer.fileSystemPath>/lifecycle/chaincodes/<label>.<sha256 hex>.tar.gz} (Fabric's {@code CCFileName}: the package id
 * with its first {@code :} turned into {@code .}). Installing validates the package fully first and writes it to a
 * temporary file that is renamed into place, so a rejected or interrupted install leaves nothing behind. Installing
 * the same bytes again returns the same id and writes nothing.
 */
public final class ChaincodePackageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodePackageStore.class);
    private static final Pattern FILE_NAME = Pattern.compile("^(.+)[.]([0-9a-f]{64})[.]tar[.]gz$");

    /** Fabric's peer accepts messages of 100 MiB; an install proposal carries the package. */
    public static final long DEFAULT_MAX_PACKAGE_BYTES = 100L * 1024 * 1024;

    private final Path directory;
    private final long maxPackageBytes;

    /**
     * @param fileSystemPath {@code peer.fileSystemPath}
     * @param maxPackageBytes the largest package accepted; its contents may unpack to at most 4 times that
     */
    public ChaincodePackageStore(Path fileSystemPath, long maxPackageBytes) {
        this.directory = fileSystemPath.resolve("lifecycle").resolve("chaincodes");
        this.maxPackageBytes = maxPackageBytes;
    }

    public Path directory() {
        return directory;
    }

    /** Validates and stores a package; returns its id. Idempotent. */
    public InstalledChaincode install(byte[] packageBytes) {
        if (packageBytes.length > maxPackageBytes) {
            throw new ChaincodeException("chaincode package is " + packageBytes.length
                    + " bytes, more than the limit of " + maxPackageBytes + " bytes");
        }
        ChaincodePackage pkg = parse(packageBytes);
        Path target = directory.resolve(fileName(pkg.packageId()));
        if (Files.exists(target)) {
            LOG.info("chaincode package {} is already installed", pkg.packageId());
            return new InstalledChaincode(pkg.packageId(), pkg.metadata().label());
        }
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".ccpackage.", ".tmp");
            try {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    out.write(java.nio.ByteBuffer.wrap(packageBytes));
                    out.force(true);
                }
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ChaincodeException(
                    "error writing chaincode install package to " + target + ": " + e.getMessage(), e);
        }
        LOG.info(
                "installed chaincode package {} ({})",
                pkg.packageId(),
                pkg.metadata().type());
        return new InstalledChaincode(pkg.packageId(), pkg.metadata().label());
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Parses and validates package bytes without storing them. */
    public ChaincodePackage parse(byte[] packageBytes) {
        return ChaincodePackage.parse(packageBytes, 4 * maxPackageBytes);
    }

    /** Every installed package, sorted by id. */
    public List<InstalledChaincode> list() {
        List<InstalledChaincode> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tar.gz")) {
            for (Path file : files) {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    out.add(new InstalledChaincode(m.group(1) + ":" + m.group(2), m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new ChaincodeException(
                    "error reading chaincode directory at " + directory + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(InstalledChaincode::packageId));
        return out;
    }

    public boolean isInstalled(String packageId) {
        return validId(packageId) && Files.exists(directory.resolve(fileName(packageId)));
    }

    /** The package as installed, bytes unchanged. */
    public byte[] packageBytes(String packageId) {
        if (!validId(packageId)) {
            throw notFound(packageId);
        }
        try {
            return Files.readAllBytes(directory.resolve(fileName(packageId)));
        } catch (NoSuchFileException e) {
            throw notFound(packageId);
        } catch (IOException e) {
            throw new UncheckedIOException("error reading chaincode install package " + packageId, e);
        }
    }

    /** The parsed package, or empty when not installed. */
    public Optional<ChaincodePackage> find(String packageId) {
        if (!isInstalled(packageId)) {
            return Optional.empty();
        }
        return Optional.of(parse(packageBytes(packageId)));
    }

    public ChaincodePackageMetadata metadata(String packageId) {
        return find(packageId).orElseThrow(() -> notFound(packageId)).metadata();
    }

    /** {@code label:hash} to Fabric's file name {@code label.hash.tar.gz}. */
    static String fileName(String packageId) {
        return packageId.replaceFirst(":", ".") + ".tar.gz";
    }

    private static boolean validId(String packageId) {
        int colon = packageId.lastIndexOf(':');
        return colon > 0
                && ChaincodePackage.LABEL.matcher(packageId.substring(0, colon)).matches()
                && packageId.substring(colon + 1).matches("[0-9a-f]{64}");
    }

    private static ChaincodeException notFound(String packageId) {
        return new ChaincodeException("chaincode install package '" + packageId + "' not found");
    }
}
