package io.weft.msp.internal.cryptogen;

import io.weft.msp.MspException;
import java.util.Map;
import java.util.TreeSet;

/**
 * The small part of Go's {@code text/template} that crypto-config files use: text with <code>{{.Field}}</code>
 * actions, optionally written <code>{{ .Field }}</code> or with the trim markers <code>{{- </code> and
 * <code> -}}</code>. Any other action, and any field the context does not offer, is an error naming the template.
 */
final class NameTemplate {
    private NameTemplate() {}

    /**
     * Renders {@code template} with the given fields.
     *
     * @param what the config key the template comes from, for messages
     * @throws MspException when the template has an action other than a known field
     */
    static String render(String template, Map<String, String> fields, String what) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                out.append(template, from, template.length());
                return out.toString();
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw error(template, what, "an action opened with {{ is not closed with }}");
            }
            String action = template.substring(open + 2, close);
            out.append(template, from, open);
            if (action.startsWith("- ")) {
                trimTrailingSpace(out);
                action = action.substring(2);
            }
            boolean trimAfter = action.endsWith(" -");
            if (trimAfter) {
                action = action.substring(0, action.length() - 2);
            }
            out.append(field(action.strip(), fields, template, what));
            from = close + 2;
            if (trimAfter) {
                while (from < template.length() && Character.isWhitespace(template.charAt(from))) {
                    from++;
                }
            }
        }
    }

    private static String field(String action, Map<String, String> fields, String template, String what) {
        if (!action.startsWith(".") || action.length() < 2 || !isIdentifier(action.substring(1))) {
            throw error(
                    template,
                    what,
                    "{{" + action + "}} is not supported; only field references such as " + example(fields) + " are");
        }
        String value = fields.get(action.substring(1));
        if (value == null) {
            throw error(template, what, "there is no field " + action + " here; available: " + available(fields));
        }
        return value;
    }

    private static boolean isIdentifier(String name) {
        if (!Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') {
            return false;
        }
        return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    private static void trimTrailingSpace(StringBuilder out) {
        int end = out.length();
        while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
    }

    private static String available(Map<String, String> fields) {
        StringBuilder names = new StringBuilder();
        for (String name : new TreeSet<>(fields.keySet())) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append('.').append(name);
        }
        return names.toString();
    }

    private static String example(Map<String, String> fields) {
        return "{{." + new TreeSet<>(fields.keySet()).first() + "}}";
    }

    private static MspException error(String template, String what, String reason) {
        return new MspException(what + " template '" + template + "': " + reason);
    }
}
