package io.weft.msp.internal.configtx;

import io.weft.msp.MspException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Typed access to a YAML document loaded with SnakeYAML's safe constructor (anchors, aliases and {@code <<} merge keys
 * resolved). Every error names the source and the dotted key path, e.g.
 * {@code Profiles.ChannelUsingRaft.Orderer.BatchSize.AbsoluteMaxBytes}.
 */
final class YamlReader {
    /** Fabric's byte-size syntax: {@code 99 MB}, {@code 512 KB}, {@code 2m}, {@code 1G} (binary units). */
    private static final Pattern SIZE = Pattern.compile("^([0-9]+)\\s*([kKmMgG])[bB]?$");

    private final String source;

    YamlReader(String source) {
        this.source = source;
    }

    Object load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw error("is not valid YAML: "
                    + reason.replaceAll("\\s*\\n\\s*", " ").trim());
        }
    }

    /** An error about the file: "configtx FILE is ..." / "configtx FILE has ..." or "configtx FILE: KEY ...". */
    MspException error(String message) {
        boolean sentence = message.startsWith("is ") || message.startsWith("has ") || message.startsWith("defines ");
        return new MspException("configtx " + source + (sentence ? " " : ": ") + message);
    }

    /** A mapping, or an empty one when the value is absent ({@code Organizations:} with nothing after it). */
    Map<String, Object> mapping(Object value, String path) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(path + " must be a mapping of keys to values, found " + describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    List<?> sequence(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw error(path + " must be a list, found " + describe(value));
    }

    void checkKeys(Map<String, Object> map, Set<String> known, String path) {
        for (String name : map.keySet()) {
            if (known.contains(name)) {
                continue;
            }
            String hint = known.stream()
                    .filter(k -> k.equalsIgnoreCase(name))
                    .findFirst()
                    .map(k -> " (did you mean " + k + "?)")
                    .orElse(" (expected one of "
                            + String.join(", ", known.stream().sorted().toList()) + ")");
            throw error("has an unknown key " + join(path, name) + hint);
        }
    }

    String string(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw error(join(path, key) + " must be a string, found " + describe(value));
    }

    String requiredString(Map<String, Object> map, String key, String path) {
        String value = string(map, key, path);
        if (value.isBlank()) {
            throw error(join(path, key) + " is missing or empty");
        }
        return value;
    }

    List<String> strings(Object value, String path) {
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

    boolean bool(Object value, String path) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(path + " must be true or false, found " + describe(value));
    }

    /** A whole number between 0 and {@code max}; 0 when absent. */
    long number(Object value, String path, long max) {
        if (value == null) {
            return 0;
        }
        long number;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text && text.strip().matches("[0-9]{1,18}")) {
            number = Long.parseLong(text.strip());
        } else {
            throw error(path + " must be a whole number, found " + describe(value));
        }
        if (number < 0 || number > max) {
            throw error(path + " is " + number + "; it must be between 0 and " + max);
        }
        return number;
    }

    /** A byte size as Fabric reads it: a number of bytes or {@code <n> KB|MB|GB} (powers of 1024); 0 when absent. */
    long byteSize(Object value, String path) {
        if (value instanceof String text) {
            Matcher matcher = SIZE.matcher(text.strip());
            if (matcher.matches()) {
                int shift =
                        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                            case "k" -> 10;
                            case "m" -> 20;
                            default -> 30;
                        };
                long size = Long.parseLong(matcher.group(1)) << shift;
                if (matcher.group(1).length() > 12 || size > 0xFFFF_FFFFL) {
                    throw error(path + " is '" + text + "', which overflows 32 bits (4 GB - 1 at most)");
                }
                return size;
            }
            if (!text.strip().matches("[0-9]+")) {
                throw error(path + " is '" + text + "'; expected a number of bytes or a size such as 10 MB or 512 KB");
            }
        }
        return number(value, path, 0xFFFF_FFFFL);
    }

    /** A Go duration such as {@code 2s}, {@code 500ms}; null when absent. */
    Duration duration(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw error(path + " must be a duration such as 2s or 500ms, found " + describe(value));
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(path + ": " + e.getMessage());
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
