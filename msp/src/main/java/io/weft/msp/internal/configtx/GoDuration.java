package io.weft.msp.internal.configtx;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.Duration} text form, as channel config carries it ({@code BatchTimeout{timeout:"2s"}}) and as
 * {@code configtx.yaml} writes it: parse {@code 2s}, {@code 500ms}, {@code 1m30s}, {@code 1.5h}; format as Go's
 * {@code Duration.String()} does ({@code 2s}, {@code 500ms}, {@code 1h0m0s}).
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /**
     * Parses Go's duration syntax: an optional sign, then one or more decimal numbers each with a unit.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Duration parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 2s, 500ms, 1m30s)");
        }
        Matcher matcher = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < s.length() && matcher.find(end) && matcher.start() == end) {
            String number = matcher.group(1);
            if (number.isEmpty() || number.equals(".")) {
                break;
            }
            nanos = nanos.add(
                    new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            end = matcher.end();
        }
        if (end != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 2s, 500ms, 1m30s)");
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    /** Go's {@code Duration.String()}: {@code 0s}, {@code 1.5µs}, {@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 1h0m0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long abs = Math.abs(nanos);
        if (abs < 1_000L) {
            return sign + abs + "ns";
        }
        if (abs < 1_000_000L) {
            return sign + fraction(abs, 1_000L) + "µs";
        }
        if (abs < 1_000_000_000L) {
            return sign + fraction(abs, 1_000_000L) + "ms";
        }
        long hours = abs / 3_600_000_000_000L;
        long minutes = abs / 60_000_000_000L % 60;
        String seconds = fraction(abs % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long value, long unit) {
        return BigDecimal.valueOf(value)
                .divide(BigDecimal.valueOf(unit))
                .stripTrailingZeros()
                .toPlainString();
    }
}
