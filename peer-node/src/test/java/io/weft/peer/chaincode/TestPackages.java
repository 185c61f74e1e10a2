package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds chaincode packages in Fabric's format for tests. */
final class TestPackages {
    private TestPackages() {}

    static byte[] pkg(String metadataJson, List<TarFile> code) {
        List<TarFile> top = new ArrayList<>();
        if (metadataJson != null) {
            top.add(new TarFile("metadata.json", metadataJson.getBytes(StandardCharsets.UTF_8)));
        }
        if (code != null) {
            top.add(new TarFile("code.tar.gz", TarArchives.tarGz(code)));
        }
        return TarArchives.tarGz(top);
    }

    static byte[] javaPackage(String label, byte[] jar) {
        return pkg(
                "{\"type\":\"java\",\"label\":\"" + label + "\",\"path\":\"\"}",
                List.of(new TarFile("src/chaincode.jar", jar)));
    }

    static byte[] ccaasPackage(String label, String address) {
        return pkg(
                "{\"type\":\"ccaas\",\"label\":\"" + label + "\"}",
                List.of(new TarFile(
                        "connection.json",
                        ("{\"address\":\"" + address + "\",\"dial_timeout\":\"10s\",\"tls_required\":false}")
                                .getBytes(StandardCharsets.UTF_8))));
    }

    /** A jar with a manifest naming {@code mainClass} (empty: no Main-Class) and one class entry. */
    static byte[] jar(String mainClass, String entry) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (!mainClass.isEmpty()) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
