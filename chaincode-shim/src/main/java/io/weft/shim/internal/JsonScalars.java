package io.weft.shim.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Conversion of JSON scalars (string, number, boolean) into Java scalar types, exactly or not at all. */
final class JsonScalars {
    /** Returned by {@link #convert} when the target is not a scalar type. */
    static final Object NOT_SCALAR = new Object();

    private JsonScalars() {}

    static Object convert(Object tree, Class<?> type, String path) {
        if (type == String.class) {
            return expect(tree, String.class, "a string", path);
        }
        if (type == boolean.class || type == Boolean.class) {
            return expect(tree, Boolean.class, "true or false", path);
        }
        if (type == char.class || type == Character.class) {
            String text = expect(tree, String.class, "a one-character string", path);
            if (text.length() != 1) {
                throw new JsonException(path + ": expected a one-character string, got \"" + text + "\"");
            }
            return text.charAt(0);
        }
        if (type == byte[].class) {
            try {
                return Base64.getDecoder().decode(expect(tree, String.class, "a base64 string", path));
            } catch (IllegalArgumentException e) {
                throw new JsonException(path + ": expected a base64 string: " + e.getMessage(), e);
            }
        }
        if (type.isEnum()) {
            return enumConstant(expect(tree, String.class, "the name of a " + type.getSimpleName(), path), type, path);
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return number(expect(tree, Number.class, "a number", path), type, path);
        }
        return NOT_SCALAR;
    }

    /** Converts a number exactly into an integral type, or to the nearest double/float. */
    static Object number(Number value, Class<?> type, String path) {
        BigDecimal decimal = JsonBinder.decimal(value);
        try {
            if (type == int.class || type == Integer.class) {
                return decimal.intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return decimal.longValueExact();
            }
            if (type == short.class || type == Short.class) {
                return decimal.shortValueExact();
            }
            if (type == byte.class || type == Byte.class) {
                return decimal.byteValueExact();
            }
            if (type == BigInteger.class) {
                return decimal.toBigIntegerExact();
            }
        } catch (ArithmeticException e) {
            throw new JsonException(path + ": " + decimal + " does not fit a " + type.getSimpleName(), e);
        }
        if (type == double.class || type == Double.class) {
            return decimal.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return decimal.floatValue();
        }
        if (type == BigDecimal.class || type == Number.class) {
            return decimal;
        }
        throw new JsonException(path + ": cannot convert a number to " + type.getName());
    }

    static Object enumConstant(String name, Class<?> type, String path) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new JsonException(path + ": '" + name + "' is not a " + type.getSimpleName() + " (one of "
                + List.of(type.getEnumConstants()) + ")");
    }

    /** The wrapper class of a primitive type; other types unchanged. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> type;
        };
    }

    static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return number(0L, type, "$");
    }

    static String kind(Object tree) {
        if (tree == null) {
            return "null";
        }
        if (tree instanceof Map<?, ?>) {
            return "an object";
        }
        if (tree instanceof List<?>) {
            return "an array";
        }
        if (tree instanceof String) {
            return "a string";
        }
        if (tree instanceof Boolean) {
            return tree.toString();
        }
        return "the number " + tree;
    }

    private static <T> T expect(Object tree, Class<T> type, String what, String path) {
        if (!type.isInstance(tree)) {
            throw new JsonException(path + ": expected " + what + ", got " + kind(tree));
        }
        return type.cast(tree);
    }
}
