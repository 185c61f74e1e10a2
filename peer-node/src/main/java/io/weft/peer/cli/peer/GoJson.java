package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Protobuf messages as Go's {@code encoding/json} prints the generated structs, which is what Fabric's CLI shows for
 * {@code -O json} and {@code getinfo}: proto field names, empty fields left out ({@code omitempty}), 64-bit integers
 * and enums as numbers, bytes in base64, map keys sorted, oneofs under the Go field name.
 */
final class GoJson {
    private static final char LINE_SEPARATOR = 0x2028;
    private static final char PARAGRAPH_SEPARATOR = 0x2029;

    private GoJson() {}

    /** {@code json.Marshal}. */
    static String compact(Message message) {
        StringBuilder out = new StringBuilder();
        write(out, toValue(message), null, 0);
        return out.toString();
    }

    /** {@code json.MarshalIndent(v, "", "\t")}. */
    static String indented(Message message) {
        StringBuilder out = new StringBuilder();
        write(out, toValue(message), "\t", 0);
        return out.toString();
    }

    /** An object of one string field, e.g. calculatepackageid's {@code {"package_id": ...}}. */
    static String indented(Map<String, Object> object) {
        StringBuilder out = new StringBuilder();
        write(out, object, "\t", 0);
        return out.toString();
    }

    private static Map<String, Object> toValue(Message message) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        Set<OneofDescriptor> oneofsDone = new HashSet<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                if (oneofsDone.add(oneof)) {
                    FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
                    object.put(
                            goName(oneof.getName()),
                            set == null ? null : Map.of(set.getName(), fieldValue(set, message.getField(set))));
                }
                continue;
            }
            if (field.isRepeated() ? message.getRepeatedFieldCount(field) == 0 : !hasValue(message, field)) {
                continue;
            }
            object.put(field.getName(), fieldValue(field, message.getField(field)));
        }
        return object;
    }

    private static boolean hasValue(Message message, FieldDescriptor field) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return message.hasField(field);
        }
        Object value = message.getField(field);
        return !value.equals(field.getDefaultValue());
    }

    private static Object fieldValue(FieldDescriptor field, Object value) {
        if (field.isMapField()) {
            Map<String, Object> map = new TreeMap<>();
            for (Object entry : (List<?>) value) {
                MapEntry<?, ?> e = (MapEntry<?, ?>) entry;
                FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
                map.put(String.valueOf(e.getKey()), single(valueField, e.getValue()));
            }
            return map;
        }
        if (field.isRepeated()) {
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) value) {
                list.add(single(field, item));
            }
            return list;
        }
        return single(field, value);
    }

    private static Object single(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> toValue((Message) value);
            case BYTE_STRING -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case ENUM -> ((EnumValueDescriptor) value).getNumber();
            default -> value;
        };
    }

    /** The Go field name protoc-gen-go gives a oneof: {@code type} to {@code Type}, {@code foo_bar} to {@code FooBar}. */
    private static String goName(String protoName) {
        StringBuilder out = new StringBuilder();
        for (String part : protoName.split("_", -1)) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, indent, depth + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(indent == null ? ":" : ": ");
                write(out, e.getValue(), indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                newline(out, indent, depth + 1);
                write(out, list.get(i), indent, depth + 1);
            }
            newline(out, indent, depth);
            out.append(']');
        } else if (value instanceof String s) {
            string(out, s);
        } else {
            out.append(value);
        }
    }

    private static void newline(StringBuilder out, String indent, int depth) {
        if (indent != null) {
            out.append('\n').append(indent.repeat(depth));
        }
    }

    /** A JSON string literal as Go writes it. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        string(out, s);
        return out.toString();
    }

    /** Go's string escaping, HTML characters included ({@code <} becomes backslash-u003c). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', LINE_SEPARATOR, PARAGRAPH_SEPARATOR ->
                    out.append("\\" + String.format("u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append("\\" + String.format("u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
