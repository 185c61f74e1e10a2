package io.weft.peer.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed and validated chaincode package in Fabric's format (fabric-protocol.md §8.1): a gzip tar whose top level
 * holds {@code metadata.json} and {@code code.tar.gz}. Package id = {@code label + ":" + hex(sha256(package bytes))}.
 */
public final class ChaincodePackage {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodePackage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Fabric's label rule as intended: alphanumerics, single {@code . + - _} between them. (Fabric's regexp writes
     * {@code [.+-_]}, which Go reads as a range and so also lets {@code /}, {@code :} and more through; Weft does not,
     * since the label becomes a file name and the first half of an id split at {@code :}.)
     */
    static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9]+([.+\\-_][a-zA-Z0-9]+)*$");

    static final Set<String> SUPPORTED_TYPES = Set.of("java", "ccaas", "external");
    static final Set<String> FOREIGN_TYPES = Set.of("golang", "node", "car");

    private final String packageId;
    private final ChaincodePackageMetadata metadata;
    private final List<TarFile> code;

    private ChaincodePackage(String packageId, ChaincodePackageMetadata metadata, List<TarFile> code) {
        this.packageId = packageId;
        this.metadata = metadata;
        this.code = List.copyOf(code);
    }

    /**
     * Parses and validates package bytes: gzip tar, regular files only, a valid {@code metadata.json} with a label
     * and a type Weft runs, a safe {@code code.tar.gz} with what that type needs (a Maven project or a jar, or a connection.json).
     */
    public static ChaincodePackage parse(byte[] bytes, long maxUnpackedBytes) {
        byte[] metadataJson = null;
        byte[] codeTarGz = null;
        for (TarFile file : TarArchives.readTarGz(bytes, maxUnpackedBytes, "chaincode package")) {
            switch (file.name()) {
                case "metadata.json" -> metadataJson = file.content();
                case "code.tar.gz" -> codeTarGz = file.content();
                default ->
                    LOG.warn("unexpected file '{}' in the top level of a chaincode package, ignored", file.name());
            }
        }
        if (codeTarGz == null) {
            throw new ChaincodeException("did not find a code package inside the package (missing code.tar.gz)");
        }
        if (metadataJson == null) {
            throw new ChaincodeException("did not find any package metadata (missing metadata.json)");
        }
        ChaincodePackageMetadata metadata = parseMetadata(metadataJson);
        List<TarFile> code = TarArchives.readTarGz(codeTarGz, maxUnpackedBytes, "code.tar.gz");
        ChaincodePackage pkg = new ChaincodePackage(packageId(metadata.label(), bytes), metadata, code);
        if (metadata.isJava()) {
            JavaPackageCode.detect(pkg);
        } else {
            ConnectionInfo.parse(pkg);
        }
        return pkg;
    }

    static ChaincodePackageMetadata parseMetadata(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new ChaincodeException("could not unmarshal metadata.json as json: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ChaincodeException("metadata.json must hold a JSON object with \"type\" and \"label\"");
        }
        String label = text(node, "label");
        String type = text(node, "type");
        if (!LABEL.matcher(label).matches()) {
            throw new ChaincodeException("invalid label '" + label + "'. Label must be non-empty, can only consist of"
                    + " alphanumerics, symbols from '.+-_', and can only begin with alphanumerics");
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (FOREIGN_TYPES.contains(lower)) {
            throw new ChaincodeException(
                    "chaincode type '" + type + "' is not supported by Weft (supported: java, ccaas, external)");
        }
        if (!SUPPORTED_TYPES.contains(lower)) {
            throw new ChaincodeException("unknown chaincode type '" + type
                    + "' in metadata.json (supported by Weft: java, ccaas, external)");
        }
        return new ChaincodePackageMetadata(type, label, text(node, "path"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new ChaincodeException("metadata.json: \"" + field + "\" must be a string, was " + value);
        }
        return value.asText();
    }

    /** {@code label:hex(sha256(bytes))}, as Fabric's persistence computes it. */
    public static String packageId(String label, byte[] packageBytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(packageBytes);
            return label + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public String packageId() {
        return packageId;
    }

    public ChaincodePackageMetadata metadata() {
        return metadata;
    }

    /** The lowercase hex SHA-256 of the package, the part of the id after the label. */
    public String hash() {
        return packageId.substring(packageId.lastIndexOf(':') + 1);
    }

    /** The regular files of {@code code.tar.gz}. */
    List<TarFile> codeFiles() {
        return code;
    }

    /** The content of a file of {@code code.tar.gz} by its normalized name. */
    Optional<byte[]> codeFile(String name) {
        return code.stream().filter(f -> f.name().equals(name)).findFirst().map(TarFile::content);
    }

    @Override
    public String toString() {
        return packageId + " (" + metadata.type() + ")";
    }
}
