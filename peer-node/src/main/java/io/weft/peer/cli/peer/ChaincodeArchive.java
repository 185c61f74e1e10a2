package io.weft.peer.cli.peer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Chaincode packages in Fabric's format (fabric-protocol.md §8.1): a gzip tar of {@code metadata.json}
 * ({@code {"path","type","label"}}) and {@code code.tar.gz}, which for Java holds the project's files under
 * {@code src/} ({@code META-INF/} at the top) without {@code target}, {@code build}, {@code out}, {@code .git} folders
 * and {@code .class} files, as Fabric's Java platform packs them. Entries are in walk order with zero timestamps, so the
 * same folder always gives the same bytes and the same package id.
 */
final class ChaincodeArchive {
    /** The label rule of Weft's package store (Fabric's, without runs of symbols). */
    static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9]+([.+\\-_][a-zA-Z0-9]+)*$");

    private static final List<String> EXCLUDED_DIRS = List.of("target", "build", "out", ".git");
    private static final int BLOCK = 512;

    private ChaincodeArchive() {}

    /** A file of a tar archive. */
    @SuppressWarnings("ArrayRecordComponent") // written once, never compared or hashed
    record Entry(String name, byte[] content, int uid) {}

    static String labelError(String label) {
        return "invalid label '" + label + "'. Label must be non-empty, can only consist of alphanumerics, symbols"
                + " from '.+-_', and can only begin with alphanumerics";
    }

    /** The package bytes for a Java project folder. */
    static byte[] javaPackage(Path path, String type, String label) {
        List<Entry> code = new ArrayList<>();
        Path root = path.toAbsolutePath().normalize();
        walk(root, root, code);
        if (code.isEmpty()) {
            throw new PeerCliException("no source files found in '" + path + "'");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("path", path.toString());
        metadata.put("type", type);
        metadata.put("label", label);
        return tarGz(List.of(
                new Entry("metadata.json", compactJson(metadata).getBytes(StandardCharsets.UTF_8), 0),
                new Entry("code.tar.gz", tarGz(code), 0)));
    }

    private static void walk(Path root, Path dir, List<Entry> out) {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new PeerCliException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child)) {
                if (!EXCLUDED_DIRS.contains(name)) {
                    walk(root, child, out);
                }
                continue;
            }
            if (!Files.isRegularFile(child) || name.endsWith(".class")) {
                continue;
            }
            String relative = root.relativize(child).toString().replace('\\', '/');
            boolean metaInf = relative.startsWith("META-INF/");
            if (metaInf && name.startsWith(".")) {
                continue;
            }
            try {
                out.add(new Entry(metaInf ? relative : "src/" + relative, Files.readAllBytes(child), 500));
            } catch (IOException e) {
                throw new PeerCliException("cannot read " + child + ": " + e.getMessage(), e);
            }
        }
    }

    static byte[] tarGz(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Entry entry : entries) {
                gzip.write(header(entry));
                gzip.write(entry.content());
                gzip.write(new byte[(BLOCK - entry.content().length % BLOCK) % BLOCK]);
            }
            gzip.write(new byte[2 * BLOCK]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A ustar header: mode 0100644, the given uid and gid, zero mtime, no user or group names. */
    private static byte[] header(Entry entry) {
        byte[] header = new byte[BLOCK];
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        if (name.length > 100) {
            int slash = entry.name().lastIndexOf('/', 155);
            while (slash > 0 && entry.name().substring(slash + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                slash = entry.name().lastIndexOf('/', slash - 1);
            }
            if (slash <= 0) {
                throw new PeerCliException("file name too long for a chaincode package: " + entry.name());
            }
            prefix = entry.name().substring(0, slash);
            name = entry.name().substring(slash + 1).getBytes(StandardCharsets.UTF_8);
        }
        put(header, 0, name);
        put(header, 100, octal(0100644, 8));
        put(header, 108, octal(entry.uid(), 8));
        put(header, 116, octal(entry.uid(), 8));
        put(header, 124, octal(entry.content().length, 12));
        put(header, 136, octal(0, 12));
        header[156] = '0';
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 345, prefix.getBytes(StandardCharsets.UTF_8));
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
        return header;
    }

    private static byte[] octal(long value, int width) {
        return (String.format("%0" + (width - 1) + "o", value) + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** The regular files of a gzip tar, by name (pax and GNU long-name records skipped). */
    static Map<String, byte[]> readTarGz(byte[] packageBytes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packageBytes))) {
            while (true) {
                byte[] header = in.readNBytes(BLOCK);
                if (header.length < BLOCK || isZero(header)) {
                    return files;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                String sizeField = text(header, 124, 12).trim();
                long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
                byte[] content = in.readNBytes((int) size);
                in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
                char type = (char) header[156];
                if (type == '0' || type == 0) {
                    files.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new PeerCliException("could not parse as a chaincode install package: " + e.getMessage(), e);
        }
    }

    /** The label in a package's metadata.json. */
    static String label(byte[] packageBytes) {
        byte[] metadata = readTarGz(packageBytes).get("metadata.json");
        if (metadata == null) {
            throw new PeerCliException(
                    "could not parse as a chaincode install package: did not find any package metadata"
                            + " (missing metadata.json)");
        }
        try {
            JsonElement json = JsonParser.parseString(new String(metadata, StandardCharsets.UTF_8));
            JsonObject object = json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
            String label = object.has("label") && object.get("label").isJsonPrimitive()
                    ? object.get("label").getAsString()
                    : "";
            if (!LABEL.matcher(label).matches()) {
                throw new PeerCliException("could not parse as a chaincode install package: " + labelError(label));
            }
            return label;
        } catch (JsonSyntaxException e) {
            throw new PeerCliException(
                    "could not parse as a chaincode install package: could not unmarshal metadata.json as json: "
                            + e.getMessage(),
                    e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String compactJson(Map<String, String> object) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> e : object.entrySet()) {
            out.append(out.length() == 1 ? "" : ",");
            out.append(GoJson.quote(e.getKey())).append(':').append(GoJson.quote(e.getValue()));
        }
        return out.append('}').toString();
    }
}
