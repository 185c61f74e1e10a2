package io.weft.msp.internal.cryptogen;

import io.weft.msp.MspException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** The file operations of material generation; each failure becomes an {@link MspException} naming the path. */
final class MaterialFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MaterialFiles() {}

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure("cannot create folder " + dir, e);
        }
    }

    /** Writes text, replacing the file if it exists (as Go's {@code os.Create} does). */
    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw failure("cannot write " + file, e);
        }
    }

    /** Writes a private key, readable by its owner only when it is created (as Go's {@code os.WriteFile(..., 0600)}). */
    static void writeKey(Path file, String pem) {
        try {
            if (Files.notExists(file) && isPosix()) {
                FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
                Files.createFile(file, ownerOnly);
            }
            Files.writeString(
                    file,
                    pem,
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw failure("cannot write private key " + file, e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure("cannot copy " + from + " to " + to, e);
        }
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    static void deleteRecursively(Path dir) {
        if (Files.notExists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        } catch (IOException e) {
            throw failure("cannot delete " + dir, e);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static MspException failure(String what, IOException e) {
        return new MspException(what + ": " + e, e);
    }
}
