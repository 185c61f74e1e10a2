package io.weft.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's composite keys: {@code U+0000 objectType U+0000 attr1 U+0000 ... attrN U+0000}. A partial composite key
 * range is {@code [prefix, prefix + U+10FFFF)}; U+10FFFF encodes as UTF-8 {@code F4 8F BF BF}, above every valid
 * UTF-8 sequence that can follow the prefix.
 */
public final class CompositeKey {
    /** The namespace-less marker Fabric puts first in every composite key. */
    public static final String NAMESPACE = "\u0000";

    /** U+10FFFF, the largest Unicode code point (Go's utf8.MaxRune). */
    public static final String MAX_UNICODE_RUNE = new String(Character.toChars(0x10FFFF));

    private CompositeKey() {}

    public static String create(String objectType, List<String> attributes) {
        validatePart(objectType);
        StringBuilder sb = new StringBuilder(NAMESPACE).append(objectType).append('\u0000');
        for (String attribute : attributes) {
            validatePart(attribute);
            sb.append(attribute).append('\u0000');
        }
        return sb.toString();
    }

    /** The object type followed by the attributes, or empty list when {@code key} is not a composite key. */
    public static List<String> split(String key) {
        List<String> parts = new ArrayList<>();
        if (!key.startsWith(NAMESPACE)) {
            return parts;
        }
        int start = 1;
        for (int i = 1; i < key.length(); i++) {
            if (key.charAt(i) == '\u0000') {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static void validatePart(String part) {
        for (int i = 0; i < part.length(); ) {
            int cp = part.codePointAt(i);
            if (cp == 0 || cp == 0x10FFFF) {
                throw new LedgerException("composite key part may not contain U+0000 or U+10FFFF: " + quote(part));
            }
            if (Character.isSurrogate(part.charAt(i)) && Character.charCount(cp) == 1) {
                throw new LedgerException("composite key part is not valid UTF-8 (lone surrogate): " + quote(part));
            }
            i += Character.charCount(cp);
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\u0000", "\\u0000") + '"';
    }
}
