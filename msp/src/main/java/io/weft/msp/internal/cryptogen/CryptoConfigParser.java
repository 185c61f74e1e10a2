package io.weft.msp.internal.cryptogen;

import io.weft.msp.CryptoConfig;
import io.weft.msp.CryptoConfig.NodeSpec;
import io.weft.msp.CryptoConfig.NodeTemplate;
import io.weft.msp.CryptoConfig.Org;
import io.weft.msp.CryptoConfig.UsersSpec;
import io.weft.msp.MspException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code crypto-config.yaml} into {@link CryptoConfig} records. Key names are Fabric's, matched exactly. Unlike
 * Fabric's tool, which ignores what it does not know, an unknown key is an error: a misspelt {@code Tempalte} would
 * otherwise silently generate no nodes.
 */
public final class CryptoConfigParser {
    private static final Set<String> ROOT_KEYS = Set.of("OrdererOrgs", "PeerOrgs");
    private static final Set<String> ORG_KEYS =
            Set.of("Name", "Domain", "EnableNodeOUs", "CA", "Template", "Specs", "Users");
    private static final Set<String> SPEC_KEYS = Set.of(
            "Hostname",
            "CommonName",
            "Country",
            "Province",
            "Locality",
            "OrganizationalUnit",
            "StreetAddress",
            "PostalCode",
            "SANS",
            "PublicKeyAlgorithm");
    private static final Set<String> TEMPLATE_KEYS = Set.of("Count", "Start", "Hostname", "SANS", "PublicKeyAlgorithm");
    private static final Set<String> USERS_KEYS = Set.of("Count", "PublicKeyAlgorithm");

    private final String source;

    private CryptoConfigParser(String source) {
        this.source = source;
    }

    /**
     * Parses the text; templates are not rendered here.
     *
     * @throws MspException naming the source and the key
     */
    public static CryptoConfig parse(String yaml, String source) {
        return new CryptoConfigParser(source).root(load(yaml, source));
    }

    private static Object load(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new MspException("crypto config " + source + " is not valid YAML: " + oneLine(reason), e);
        }
    }

    private CryptoConfig root(Object root) {
        if (root == null) {
            throw error("is empty; expected OrdererOrgs and/or PeerOrgs");
        }
        Map<?, ?> map = mapping(root, "the document");
        checkKeys(map, ROOT_KEYS, "");
        List<Org> ordererOrgs = orgs(map.get("OrdererOrgs"), "OrdererOrgs");
        List<Org> peerOrgs = orgs(map.get("PeerOrgs"), "PeerOrgs");
        if (ordererOrgs.isEmpty() && peerOrgs.isEmpty()) {
            throw error("defines no organizations; expected at least one entry under OrdererOrgs or PeerOrgs");
        }
        return new CryptoConfig(ordererOrgs, peerOrgs);
    }

    private List<Org> orgs(Object value, String path) {
        List<Org> orgs = new ArrayList<>();
        List<?> list = sequence(value, path);
        for (int i = 0; i < list.size(); i++) {
            orgs.add(org(list.get(i), path + "[" + i + "]"));
        }
        return orgs;
    }

    private Org org(Object value, String path) {
        Map<?, ?> map = mapping(value, path);
        checkKeys(map, ORG_KEYS, path);
        String name = requiredString(map, "Name", path);
        String domain = requiredString(map, "Domain", path);
        Object ca = map.get("CA");
        NodeSpec caSpec = ca == null ? NodeSpec.empty() : spec(ca, path + ".CA");
        List<NodeSpec> specs = new ArrayList<>();
        List<?> specList = sequence(map.get("Specs"), path + ".Specs");
        for (int i = 0; i < specList.size(); i++) {
            NodeSpec spec = spec(specList.get(i), path + ".Specs[" + i + "]");
            if (spec.hostname().isBlank()) {
                throw error(path + ".Specs[" + i + "].Hostname is missing or empty");
            }
            specs.add(spec);
        }
        return new Org(
                name,
                domain,
                bool(map.get("EnableNodeOUs"), path + ".EnableNodeOUs"),
                caSpec,
                template(map.get("Template"), path + ".Template"),
                specs,
                users(map.get("Users"), path + ".Users"));
    }

    private NodeSpec spec(Object value, String path) {
        Map<?, ?> map = mapping(value, path);
        checkKeys(map, SPEC_KEYS, path);
        keyAlgorithm(map, path);
        return new NodeSpec(
                string(map, "Hostname", path),
                string(map, "CommonName", path),
                string(map, "Country", path),
                string(map, "Province", path),
                string(map, "Locality", path),
                string(map, "OrganizationalUnit", path),
                string(map, "StreetAddress", path),
                string(map, "PostalCode", path),
                strings(map.get("SANS"), path + ".SANS"));
    }

    private NodeTemplate template(Object value, String path) {
        if (value == null) {
            return NodeTemplate.none();
        }
        Map<?, ?> map = mapping(value, path);
        checkKeys(map, TEMPLATE_KEYS, path);
        keyAlgorithm(map, path);
        return new NodeTemplate(
                count(map.get("Count"), path + ".Count"),
                count(map.get("Start"), path + ".Start"),
                string(map, "Hostname", path),
                strings(map.get("SANS"), path + ".SANS"));
    }

    private UsersSpec users(Object value, String path) {
        if (value == null) {
            return new UsersSpec(0);
        }
        Map<?, ?> map = mapping(value, path);
        checkKeys(map, USERS_KEYS, path);
        keyAlgorithm(map, path);
        return new UsersSpec(count(map.get("Count"), path + ".Count"));
    }

    /** Fabric 3 added {@code PublicKeyAlgorithm} (ecdsa or ed25519); Weft's MSP is ECDSA P-256 only. */
    private void keyAlgorithm(Map<?, ?> map, String path) {
        String algorithm = string(map, "PublicKeyAlgorithm", path);
        if (!algorithm.isEmpty() && !algorithm.equals("ecdsa")) {
            throw error(path + ".PublicKeyAlgorithm is '" + algorithm + "'; Weft supports only ecdsa (P-256)");
        }
    }

    private void checkKeys(Map<?, ?> map, Set<String> known, String path) {
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (known.contains(name)) {
                continue;
            }
            String where = path.isEmpty() ? name : path + "." + name;
            String hint = known.stream()
                    .filter(k -> k.equalsIgnoreCase(name))
                    .findFirst()
                    .map(k -> " (did you mean " + k + "?)")
                    .orElse(" (expected one of "
                            + String.join(", ", known.stream().sorted().toList()) + ")");
            throw error("has an unknown key " + where + hint);
        }
    }

    private String requiredString(Map<?, ?> map, String key, String path) {
        String value = string(map, key, path);
        if (value.isBlank()) {
            throw error(path + "." + key + " is missing or empty");
        }
        return value;
    }

    private String string(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw error(path + "." + key + " must be a string, found " + describe(value));
    }

    private List<String> strings(Object value, String path) {
        List<String> result = new ArrayList<>();
        List<?> list = sequence(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String || item instanceof Number)) {
                throw error(path + "[" + i + "] must be a string, found " + describe(item));
            }
            result.add(item.toString());
        }
        return result;
    }

    private boolean bool(Object value, String path) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(path + " must be true or false, found " + describe(value));
    }

    private int count(Object value, String path) {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Integer number)) {
            throw error(path + " must be a whole number, found " + describe(value));
        }
        if (number < 0 || number > CryptoConfig.MAX_COUNT) {
            throw error(path + " is " + number + "; it must be between 0 and " + CryptoConfig.MAX_COUNT);
        }
        return number;
    }

    private Map<?, ?> mapping(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw error(path + " must be a mapping of keys to values, found " + describe(value));
    }

    private List<?> sequence(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw error(path + " must be a list, found " + describe(value));
    }

    private MspException error(String message) {
        return new MspException("crypto config " + source + ": " + message);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
