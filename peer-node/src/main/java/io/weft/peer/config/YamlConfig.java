package io.weft.peer.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Fabric-style config file ({@code core.yaml}, {@code orderer.yaml}) with environment overrides: key
 * {@code peer.tls.enabled} is overridden by {@code CORE_PEER_TLS_ENABLED}, {@code General.ListenPort} by
 * {@code ORDERER_GENERAL_LISTENPORT}. Keys match case-insensitively, as Fabric's viper does. Relative paths are
 * resolved against the config file's folder, as Fabric does. Typed getters collect problems instead of failing one at a
 * time; {@link #check()} throws them all at once.
 */
public final class YamlConfig {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern BYTE_SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|k|mb|m|gb|g)?\\s*");

    private final Map<String, Object> flat;
    private final Path baseDir;
    private final String envPrefix;
    private final Map<String, String> env;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> read = new LinkedHashSet<>();

    private YamlConfig(Map<String, Object> flat, Path baseDir, String envPrefix, Map<String, String> env) {
        this.flat = flat;
        this.baseDir = baseDir;
        this.envPrefix = envPrefix;
        this.env = env;
    }

    /**
     * Reads a config file.
     *
     * @param envPrefix {@code CORE} or {@code ORDERER}
     * @throws ConfigException when the file is missing or is not YAML
     */
    public static YamlConfig load(Path file, String envPrefix, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent(), envPrefix, env, file.toString());
    }

    public static YamlConfig parse(
            String text, Path baseDir, String envPrefix, Map<String, String> env, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new ConfigException(source + " is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map) {
            flatten("", map, flat);
        } else if (root != null) {
            throw new ConfigException(source + " must be a YAML mapping");
        }
        return new YamlConfig(flat, baseDir, envPrefix, env);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (prefix.isEmpty() ? "" : prefix + ".") + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(key, nested, out);
            } else {
                out.put(key.toLowerCase(Locale.ROOT), e.getValue());
            }
        }
    }

    /** Sets a value from a command-line flag; flags win over the environment and the file. */
    public YamlConfig override(String key, String value) {
        overrides.put(key.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** The raw value of a key: flag, then environment variable, then file. */
    public Optional<Object> raw(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        read.add(lower);
        if (overrides.containsKey(lower)) {
            return Optional.of(overrides.get(lower));
        }
        String envName = envPrefix + "_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
        if (env.containsKey(envName)) {
            return Optional.of(env.get(envName));
        }
        return Optional.ofNullable(flat.get(lower));
    }

    /** A plain environment variable such as {@code FABRIC_LOGGING_SPEC} (no prefix, no file). */
    public Optional<String> environment(String name) {
        return Optional.ofNullable(env.get(name));
    }

    public String string(String key, String defaultValue) {
        return raw(key).map(Object::toString).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<Object> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get().toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.add(key + ": expected true or false, got '" + value.get() + "'");
        return defaultValue;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<Object> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get().toString().trim());
            if (parsed < min || parsed > max) {
                problems.add(key + ": must be between " + min + " and " + max + ", got " + parsed);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + ": expected a whole number, got '" + value.get() + "'");
            return defaultValue;
        }
    }

    /** A Go duration such as {@code 30s}, {@code 1m30s}, {@code 300ms}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<Object> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> parsed = parseDuration(value.get().toString().trim());
        if (parsed.isEmpty()) {
            problems.add(key + ": expected a duration such as 30s, 5m or 300ms, got '" + value.get() + "'");
            return defaultValue;
        }
        return parsed.get();
    }

    public static Optional<Duration> parseDuration(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher matcher = GO_DURATION.matcher(text);
        long nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            long unit =
                    switch (matcher.group(2)) {
                        case "ns" -> 1L;
                        case "us", "µs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            nanos += (long) (amount * unit);
            end = matcher.end();
        }
        return end == text.length() && end > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
    }

    /** A size such as {@code 100 MB} or {@code 104857600}. */
    public long bytes(String key, long defaultValue) {
        Optional<Object> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = BYTE_SIZE.matcher(value.get().toString());
        if (!matcher.matches()) {
            problems.add(key + ": expected a size such as 100 MB, got '" + value.get() + "'");
            return defaultValue;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kb", "k" -> amount * 1024;
            case "mb", "m" -> amount * 1024 * 1024;
            case "gb", "g" -> amount * 1024 * 1024 * 1024;
            default -> amount;
        };
    }

    /** A path; relative ones are resolved against the config file's folder. Empty when unset or blank. */
    public Optional<Path> path(String key) {
        String value = string(key, "").trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Optional.of(path.isAbsolute() ? path : baseDir.resolve(path).normalize());
    }

    /** A path from a value inside a structured entry, resolved as {@link #path} does. */
    public Path resolve(String value) {
        Path path = Path.of(value);
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    public List<Path> paths(String key) {
        Optional<Object> value = raw(key);
        List<Path> result = new ArrayList<>();
        if (value.isEmpty()) {
            return result;
        }
        List<String> items = new ArrayList<>();
        if (value.get() instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else {
            String text = value.get().toString().trim();
            // environment variables carry lists as [a, b] or a,b
            text = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        for (String item : items) {
            Path path = Path.of(item);
            result.add(path.isAbsolute() ? path : baseDir.resolve(path).normalize());
        }
        return result;
    }

    public void problem(String message) {
        problems.add(message);
    }

    /** Keys in the file that no getter asked for (to warn about). */
    public List<String> unknownKeys(List<String> knownPrefixes) {
        List<String> unknown = new ArrayList<>();
        for (String key : flat.keySet()) {
            boolean known = read.contains(key)
                    || knownPrefixes.stream().anyMatch(prefix -> key.startsWith(prefix.toLowerCase(Locale.ROOT)));
            if (!known) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /**
     * @throws ConfigException listing every problem the getters found
     */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
