package io.weft.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Fabric-format packages, as {@code peer lifecycle chaincode package --lang java --path <dir with the jar>} makes. */
final class JavaPackages {
    private JavaPackages() {}

    static byte[] javaPackage(String label, byte[] jar) {
        byte[] code = tarGz(new String[] {"src/chaincode.jar"}, new byte[][] {jar});
        byte[] metadata =
                ("{\"path\":\"\",\"type\":\"java\",\"label\":\"" + label + "\"}").getBytes(StandardCharsets.UTF_8);
        return tarGz(new String[] {"metadata.json", "code.tar.gz"}, new byte[][] {metadata, code});
    }

    private static byte[] tarGz(String[] names, byte[][] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (int i = 0; i < names.length; i++) {
                TarArchiveEntry entry = new TarArchiveEntry(names[i]);
                entry.setSize(contents[i].length);
                entry.setMode(0100644);
                entry.setModTime(0); // the same jar gives the same package id (and Docker image) every run
                tar.putArchiveEntry(entry);
                tar.write(contents[i]);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
