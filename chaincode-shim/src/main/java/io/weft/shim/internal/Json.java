package io.weft.shim.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (RFC 8259). Values are trees of {@link Map} (insertion-ordered), {@link List},
 * {@link String}, {@link Boolean}, {@code null} and numbers: {@link Long} for integers that fit, {@link BigInteger} for
 * larger ones, {@link BigDecimal} otherwise. Nesting is limited to {@value #MAX_DEPTH} levels.
 */
public final class Json {
    static final int MAX_DEPTH = 256;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value that makes up the whole text (surrounding whitespace allowed).
     *
     * @throws JsonException naming the offset and what was expected
     */
    public static Object parse(String text) {
        Json reader = new Json(text);
        reader.skipWhitespace();
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Writes a tree (maps with string keys, iterables, arrays, strings, numbers, booleans, null) as compact JSON. */
    public static String write(Object tree) {
        StringBuilder out = new StringBuilder();
        writeValue(out, tree, 0);
        return out.toString();
    }

    private Object readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("unexpected end of input; expected a value");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> literal("true", true);
            case 'f' -> literal("false", false);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("unexpected character '" + c + "'; expected a value");
            }
        };
    }

    private Map<String, Object> readObject(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (object.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            object.put(key, readValue(depth + 1));
            skipWhitespace();
            char next = next("',' or '}'");
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                throw error("expected ',' or '}'", position - 1);
            }
        }
    }

    private List<Object> readArray(int depth) {
        List<Object> array = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(readValue(depth + 1));
            skipWhitespace();
            char next = next("',' or ']'");
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                throw error("expected ',' or ']'", position - 1);
            }
        }
    }

    private String readString() {
        position++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("'\"' to end the string");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + hex4(c) + " in string", position - 1);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next("an escape character");
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> readUnicodeEscape(out);
                default -> throw error("invalid escape '\\" + escape + "'", position - 1);
            }
        }
    }

    /** Reads {@code XXXX} after {@code \\u}; a surrogate must come as a high-low pair. */
    private void readUnicodeEscape(StringBuilder out) {
        char unit = hexUnit();
        if (Character.isHighSurrogate(unit)) {
            if (!text.startsWith("\\u", position)) {
                throw error("high surrogate \\u" + hex4(unit) + " not followed by a \\u low surrogate");
            }
            position += 2;
            char low = hexUnit();
            if (!Character.isLowSurrogate(low)) {
                throw error("high surrogate \\u" + hex4(unit) + " followed by \\u" + hex4(low)
                        + ", which is not a low surrogate");
            }
            out.append(unit).append(low);
        } else if (Character.isLowSurrogate(unit)) {
            throw error("low surrogate \\u" + hex4(unit) + " without a preceding high surrogate");
        } else {
            out.append(unit);
        }
    }

    private char hexUnit() {
        if (position + 4 > text.length()) {
            throw error("unexpected end of input in \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0) {
                throw error("invalid hex digit in \\u escape", position + i);
            }
            value = value * 16 + digit;
        }
        position += 4;
        return (char) value;
    }

    private Number readNumber() {
        int start = position;
        boolean integral = true;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            integral = false;
            position++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        String literal = text.substring(start, position);
        if (!integral) {
            return new BigDecimal(literal);
        }
        BigInteger value = new BigInteger(literal);
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("expected '" + word + "'");
        }
        position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private char next(String expected) {
        if (position >= text.length()) {
            throw error("unexpected end of input; expected " + expected);
        }
        return text.charAt(position++);
    }

    private void expect(char c) {
        if (next("'" + c + "'") != c) {
            throw error("expected '" + c + "'", position - 1);
        }
    }

    private JsonException error(String message) {
        return error(message, position);
    }

    private JsonException error(String message, int at) {
        return new JsonException("invalid JSON at offset " + at + ": " + message);
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    private static void writeValue(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("cannot write JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            writeString(out, string);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new JsonException("JSON has no representation for " + number);
            }
            out.append(BigDecimal.valueOf(number).stripTrailingZeros().toPlainString());
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toString());
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map, depth);
        } else if (value instanceof Iterable<?> iterable) {
            writeArray(out, iterable, depth);
        } else if (value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
            writeArray(out, elements, depth);
        } else {
            throw new JsonException("cannot write a " + value.getClass().getName() + " as a JSON tree value");
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new JsonException("JSON object keys must be strings, got " + entry.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, key);
            out.append(':');
            writeValue(out, entry.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void writeArray(StringBuilder out, Iterable<?> elements, int depth) {
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeValue(out, element, depth + 1);
        }
        out.append(']');
    }

    static void writeString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        out.append("\\u").append(hex4(c).toLowerCase(java.util.Locale.ROOT));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
