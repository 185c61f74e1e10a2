package io.weft.shim.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Converts transaction arguments and return values as fabric-chaincode-shim's JSON serializer does: strings are the raw
 * UTF-8 bytes (not JSON-quoted), numbers and booleans their decimal text, objects, arrays and collections JSON. A
 * {@code byte[]} is passed through unchanged.
 */
public final class TransactionArguments {
    private final JsonBinder binder;

    public TransactionArguments(JsonBinder binder) {
        this.binder = binder;
    }

    /**
     * Converts one argument to the parameter's type.
     *
     * @throws IllegalArgumentException saying what was expected and what was given
     */
    public Object fromArgument(byte[] argument, Type type) {
        Class<?> raw = JsonBinder.rawClass(type);
        if (raw == byte[].class) {
            return argument.clone();
        }
        String text = new String(argument, UTF_8);
        if (raw == String.class || raw == Object.class) {
            return text;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            }
            return Boolean.parseBoolean(lower);
        }
        if (raw == char.class || raw == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException("expected one character, got '" + text + "'");
            }
            return text.charAt(0);
        }
        if (raw.isEnum()) {
            return JsonScalars.enumConstant(text, raw, "argument");
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            BigDecimal number;
            try {
                number = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + article(raw) + ", got '" + text + "'", e);
            }
            try {
                return JsonScalars.number(number, JsonScalars.boxed(raw), "argument");
            } catch (JsonException e) {
                throw new IllegalArgumentException("'" + text + "' does not fit " + article(raw), e);
            }
        }
        return binder.fromJson(text, type);
    }

    /** The response payload for a return value; null for {@code null} (and {@code void}). */
    public byte[] toPayload(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character) {
            return value.toString().getBytes(UTF_8);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().getBytes(UTF_8);
        }
        return binder.toJson(value).getBytes(UTF_8);
    }

    private static String article(Class<?> type) {
        String name = type.getSimpleName();
        return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
