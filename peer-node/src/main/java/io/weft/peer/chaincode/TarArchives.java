package io.weft.peer.chaincode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Reading and writing the gzip tar archives of chaincode packages, defensively: only regular files and directories,
 * no absolute names, no {@code ..}, no links or devices, and a cap on the bytes unpacked (a small gzip can expand to
 * gigabytes).
 */
final class TarArchives {
    /** One regular file of an archive, its name normalized (no leading {@code ./}). */
    static final class TarFile {
        private final String name;
        private final byte[] content;

        TarFile(String name, byte[] content) {
            this.name = name;
            this.content = content.clone();
        }

        String name() {
            return name;
        }

        byte[] content() {
            return content.clone();
        }

        int size() {
            return content.length;
        }

        @Override
        public String toString() {
            return name + " (" + content.length + " bytes)";
        }
    }

    private TarArchives() {}

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /**
     * The regular files of a gzip tar. {@code what} names the archive in errors ("chaincode package", "code.tar.gz").
     */
    static List<TarFile> readTarGz(byte[] bytes, long maxUnpackedBytes, String what) {
        if (!isGzip(bytes)) {
            throw new ChaincodeException(what + " is not a gzip stream");
        }
        try (InputStream gz = new GzipCompressorInputStream(new ByteArrayInputStream(bytes));
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            List<TarFile> files = new ArrayList<>();
            long unpacked = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = checkName(entry.getName(), what);
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
                    throw new ChaincodeException(what + ": tar entry " + entry.getName()
                            + " is not a regular file (links, devices and other special entries are refused)");
                }
                if (entry.getSize() > maxUnpackedBytes - unpacked) {
                    throw new ChaincodeException(what + " unpacks to more than " + maxUnpackedBytes + " bytes");
                }
                byte[] content = tar.readNBytes((int) entry.getSize());
                unpacked += content.length;
                files.add(new TarFile(name, content));
            }
            return files;
        } catch (IOException e) {
            throw new ChaincodeException(what + " is not a valid gzip tar: " + e.getMessage(), e);
        }
    }

    /** Refuses absolute names and {@code ..}; strips {@code ./}. */
    static String checkName(String raw, String what) {
        String name = raw;
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            throw new ChaincodeException(what + ": tar entry " + raw + " has an absolute or unsafe name");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                throw new ChaincodeException(what + ": tar entry " + raw + " leaves the archive (..)");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** A gzip tar of these files (mode 0644, fixed time: the same files give the same bytes). */
    static byte[] tarGz(List<TarFile> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            writeTar(gz, files);
        } catch (IOException e) {
            throw new ChaincodeException("could not write a tar archive: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** An uncompressed tar of these files (a Docker build context). */
    static byte[] tar(List<TarFile> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTar(out, files);
        } catch (IOException e) {
            throw new ChaincodeException("could not write a tar archive: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void writeTar(OutputStream out, List<TarFile> files) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (TarFile file : files) {
            TarArchiveEntry entry = new TarArchiveEntry(file.name(), true);
            entry.setSize(file.size());
            entry.setMode(0100644);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(file.content);
            tar.closeArchiveEntry();
        }
        tar.finish();
    }
}
