package io.weft.shim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A key made of an object type and attributes, encoded as Fabric does: {@code U+0000 objectType U+0000 (attribute
 * U+0000)*}. Neither the object type nor an attribute may contain U+0000 or U+10FFFF (the latter ends a partial-key
 * range).
 */
public final class CompositeKey {
    /** The first character of every composite key; simple keys must not start with it. */
    public static final String NAMESPACE = "\u0000";

    private static final char DELIMITER = '\u0000';
    private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    private final String objectType;
    private final List<String> attributes;
    private final String key;

    public CompositeKey(String objectType, String... attributes) {
        this(objectType, attributes == null ? List.of() : Arrays.asList(attributes));
    }

    public CompositeKey(String objectType, List<String> attributes) {
        Objects.requireNonNull(objectType, "objectType cannot be null");
        List<String> copy = List.copyOf(attributes == null ? List.of() : attributes);
        validateSegment("object type", objectType);
        for (String attribute : copy) {
            validateSegment("attribute", attribute);
        }
        this.objectType = objectType;
        this.attributes = copy;
        StringBuilder builder =
                new StringBuilder().append(DELIMITER).append(objectType).append(DELIMITER);
        for (String attribute : copy) {
            builder.append(attribute).append(DELIMITER);
        }
        this.key = builder.toString();
    }

    /**
     * Splits an encoded composite key into object type and attributes (empty attributes are kept).
     *
     * @throws CompositeKeyFormatException if the key does not start with U+0000 or does not end with a delimiter
     */
    public static CompositeKey parseCompositeKey(String compositeKey) {
        if (compositeKey == null) {
            return null;
        }
        if (!compositeKey.startsWith(NAMESPACE) || compositeKey.length() < 2 || !compositeKey.endsWith(NAMESPACE)) {
            throw new CompositeKeyFormatException("not a composite key (expected U+0000 objectType U+0000"
                    + " (attribute U+0000)*): " + printable(compositeKey));
        }
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < compositeKey.length(); i++) {
            if (compositeKey.charAt(i) == DELIMITER) {
                parts.add(compositeKey.substring(start, i));
                start = i + 1;
            }
        }
        return new CompositeKey(parts.get(0), parts.subList(1, parts.size()));
    }

    /**
     * Checks that simple keys are not in the composite key namespace.
     *
     * @throws CompositeKeyFormatException naming the first key that starts with U+0000
     */
    public static void validateSimpleKeys(String... keys) {
        for (String key : keys) {
            if (!key.isEmpty() && key.startsWith(NAMESPACE)) {
                throw new CompositeKeyFormatException(
                        "simple key must not start with U+0000 (the composite key namespace): " + printable(key));
            }
        }
    }

    public String getObjectType() {
        return objectType;
    }

    public List<String> getAttributes() {
        return attributes;
    }

    /** The encoded key, as stored in the ledger. */
    @Override
    public String toString() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompositeKey that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    private static void validateSegment(String what, String segment) {
        Objects.requireNonNull(segment, what + " cannot be null");
        for (int i = 0; i < segment.length(); ) {
            int codePoint = segment.codePointAt(i);
            if (codePoint == DELIMITER || codePoint == MAX_CODE_POINT) {
                throw new CompositeKeyFormatException(String.format(
                        "composite key %s %s contains U+%04X at index %d; U+0000 and U+10FFFF are not allowed",
                        what, printable(segment), codePoint, i));
            }
            i += Character.charCount(codePoint);
        }
    }

    private static String printable(String value) {
        StringBuilder builder = new StringBuilder("'");
        value.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == MAX_CODE_POINT) {
                builder.append(String.format("\\u{%X}", cp));
            } else {
                builder.appendCodePoint(cp);
            }
        });
        return builder.append('\'').toString();
    }
}
