package io.weft.peer.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Fabric's logging spec ({@code FABRIC_LOGGING_SPEC}, {@code PUT /logspec}): {@code [logger[,logger]=]level[:...]},
 * e.g. {@code info:endorser,chaincode=debug}. A term without loggers sets the default. Fabric's module names map to
 * Weft's packages ({@code endorser} → {@code io.weft.peer.endorser}, {@code ledger}/{@code kvledger} →
 * {@code io.weft.ledger}, ...); a dotted name is taken as a Java logger name.
 */
public final class LogSpec {
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("endorser", "io.weft.peer.endorser"),
            Map.entry("chaincode", "io.weft.peer.chaincode"),
            Map.entry("dockercontroller", "io.weft.peer.chaincode"),
            Map.entry("committer", "io.weft.peer.committer"),
            Map.entry("txvalidator", "io.weft.peer.committer"),
            Map.entry("gateway", "io.weft.peer.gateway"),
            Map.entry("deliver", "io.weft.peer.deliver"),
            Map.entry("deliveryclient", "io.weft.peer.deliver"),
            Map.entry("ledger", "io.weft.ledger"),
            Map.entry("kvledger", "io.weft.ledger"),
            Map.entry("msp", "io.weft.msp"),
            Map.entry("policies", "io.weft.msp"),
            Map.entry("orderer", "io.weft.orderer"),
            Map.entry("lifecycle", "io.weft.peer.scc"),
            Map.entry("cscc", "io.weft.peer.scc"),
            Map.entry("qscc", "io.weft.peer.scc"),
            Map.entry("grpc", "io.grpc"));

    private final String text;
    private final Level defaultLevel;
    private final Map<String, Level> loggers;

    private LogSpec(String text, Level defaultLevel, Map<String, Level> loggers) {
        this.text = text;
        this.defaultLevel = defaultLevel;
        this.loggers = loggers;
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException naming the term that is wrong
     */
    public static LogSpec parse(String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        Level defaultLevel = Level.INFO;
        Map<String, Level> loggers = new LinkedHashMap<>();
        if (trimmed.isEmpty()) {
            return new LogSpec("info", defaultLevel, loggers);
        }
        for (String term : trimmed.split(":")) {
            String t = term.trim();
            int eq = t.indexOf('=');
            if (eq < 0) {
                defaultLevel = level(t, spec);
                continue;
            }
            Level level = level(t.substring(eq + 1), spec);
            List<String> names = new ArrayList<>();
            for (String name : t.substring(0, eq).split(",")) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException(
                            "invalid logging specification '" + spec + "': empty logger name");
                }
                names.add(name.trim());
            }
            for (String name : names) {
                loggers.put(MODULES.getOrDefault(name.toLowerCase(Locale.ROOT), name), level);
            }
        }
        return new LogSpec(trimmed, defaultLevel, loggers);
    }

    private static Level level(String name, String spec) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "FATAL", "PANIC", "ERROR" -> Level.ERROR;
            case "WARNING", "WARN" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            default ->
                throw new IllegalArgumentException(
                        "invalid logging specification '" + spec + "': unknown level '" + name.trim() + "'");
        };
    }

    /** Sets the levels on logback; loggers named by an earlier spec but not this one go back to the default. */
    public void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            if (logger.getName().startsWith("io.weft") && logger.getLevel() != null) {
                logger.setLevel(null);
            }
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(defaultLevel);
        loggers.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    public Level defaultLevel() {
        return defaultLevel;
    }

    public Map<String, Level> loggers() {
        return loggers;
    }

    @Override
    public String toString() {
        return text;
    }
}
