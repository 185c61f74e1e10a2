package io.weft.shim.internal;

import io.weft.shim.contract.Property;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts Java values to and from JSON: scalars, enums (by name), {@code byte[]} (base64), arrays, lists, sets, maps
 * with string keys, records (through the canonical constructor) and beans (no-argument constructor, fields). Object
 * properties are written sorted by JSON name (deterministic output, as Genson and Go's sample structs give); the JSON
 * name is {@link Property#name()} or the field name. Unknown JSON properties are ignored; missing ones keep Java's
 * default.
 */
public final class JsonBinder {
    private final Map<Class<?>, List<PropertyBinding>> properties = new ConcurrentHashMap<>();

    /** One property of an object class. */
    public record PropertyBinding(String jsonName, Field field, List<String> schema) {
        public Type type() {
            return field.getGenericType();
        }
    }

    public String toJson(Object value) {
        return Json.write(toTree(value));
    }

    /** Parses JSON into {@code type}. @throws JsonException naming the path of what did not fit */
    public Object fromJson(String json, Type type) {
        return fromTree(Json.parse(json), type, "$");
    }

    /** True for classes converted as JSON objects: records and beans (not scalars, enums, arrays or collections). */
    public static boolean isObjectClass(Class<?> type) {
        return !type.isPrimitive()
                && !type.isArray()
                && !type.isEnum()
                && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers())
                && !type.getName().startsWith("java.");
    }

    /** The properties of an object class, sorted by JSON name. */
    public List<PropertyBinding> properties(Class<?> type) {
        return properties.computeIfAbsent(type, JsonBinder::scan);
    }

    public Object toTree(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Character || value instanceof Enum<?>) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(toTree(Array.get(value, i)));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(this::toTree).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, element) -> sorted.put(String.valueOf(key), toTree(element)));
            return sorted;
        }
        if (!isObjectClass(value.getClass())) {
            throw new JsonException("cannot convert a " + value.getClass().getName() + " to JSON");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (PropertyBinding property : properties(value.getClass())) {
            object.put(property.jsonName(), toTree(read(property.field(), value)));
        }
        return object;
    }

    public Object fromTree(Object tree, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (tree == null) {
            if (raw.isPrimitive()) {
                throw new JsonException(path + ": null is not a " + raw.getName());
            }
            return null;
        }
        if (raw == Object.class) {
            return tree;
        }
        Object scalar = JsonScalars.convert(tree, raw, path);
        if (scalar != JsonScalars.NOT_SCALAR) {
            return scalar;
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return fromArray(tree, type, raw, path);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<String, Object> map = new LinkedHashMap<>();
            Type valueType = typeArgument(type, 1);
            expectObject(tree, raw, path)
                    .forEach((key, element) -> map.put(key, fromTree(element, valueType, path + "." + key)));
            return map;
        }
        if (!isObjectClass(raw)) {
            throw new JsonException(path + ": cannot convert JSON to a " + raw.getName());
        }
        return raw.isRecord() ? toRecord(expectObject(tree, raw, path), raw, path) : toBean(tree, raw, path);
    }

    private Object fromArray(Object tree, Type type, Class<?> raw, String path) {
        if (!(tree instanceof List<?> list)) {
            throw new JsonException(
                    path + ": expected a JSON array for " + raw.getSimpleName() + ", got " + JsonScalars.kind(tree));
        }
        Type elementType = raw.isArray()
                ? (type instanceof GenericArrayType generic
                        ? generic.getGenericComponentType()
                        : raw.getComponentType())
                : typeArgument(type, 0);
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            elements.add(fromTree(list.get(i), elementType, path + "[" + i + "]"));
        }
        if (raw.isArray()) {
            Object array = Array.newInstance(rawClass(elementType), elements.size());
            for (int i = 0; i < elements.size(); i++) {
                Array.set(array, i, elements.get(i));
            }
            return array;
        }
        return Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>(elements) : elements;
    }

    private Object toRecord(Map<String, Object> object, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, String> jsonNames = new LinkedHashMap<>();
        properties(type).forEach(p -> jsonNames.put(p.field().getName(), p.jsonName()));
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String jsonName = jsonNames.get(component.getName());
            types[i] = component.getType();
            values[i] = object.containsKey(jsonName)
                    ? fromTree(object.get(jsonName), component.getGenericType(), path + "." + jsonName)
                    : JsonScalars.defaultValue(component.getType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new JsonException(
                    path + ": " + type.getSimpleName() + " rejected the values: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new JsonException(path + ": cannot construct record " + type.getName(), e);
        }
    }

    private Object toBean(Object tree, Class<?> type, String path) {
        Map<String, Object> object = expectObject(tree, type, path);
        Object bean;
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            bean = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new JsonException(
                    path + ": " + type.getName()
                            + " needs a no-argument constructor (or be a record) to be read from JSON",
                    e);
        }
        for (PropertyBinding property : properties(type)) {
            if (object.containsKey(property.jsonName())) {
                Object value =
                        fromTree(object.get(property.jsonName()), property.type(), path + "." + property.jsonName());
                try {
                    property.field().set(bean, value);
                } catch (IllegalAccessException e) {
                    throw new JsonException(path + ": cannot set " + property.field(), e);
                }
            }
        }
        return bean;
    }

    private static Map<String, Object> expectObject(Object tree, Class<?> type, String path) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new JsonException(
                    path + ": expected a JSON object for " + type.getSimpleName() + ", got " + JsonScalars.kind(tree));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new JsonException("cannot read " + field, e);
        }
    }

    private static List<PropertyBinding> scan(Class<?> type) {
        List<PropertyBinding> bindings = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                Property annotation = field.getAnnotation(Property.class);
                String name = annotation == null || annotation.name().isEmpty() ? field.getName() : annotation.name();
                if (!names.add(name)) {
                    throw new JsonException(type.getName() + " has two properties named '" + name + "'");
                }
                field.setAccessible(true);
                List<String> schema = annotation == null ? List.of() : Arrays.asList(annotation.schema());
                bindings.add(new PropertyBinding(name, field, List.copyOf(schema)));
            }
        }
        bindings.sort(Comparator.comparing(PropertyBinding::jsonName));
        return List.copyOf(bindings);
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(rawClass(array.getGenericComponentType()), 0)
                    .getClass();
        }
        return Object.class;
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** Numbers as written to JSON: integers stay integral, decimals keep their digits. */
    static boolean isIntegral(Object number) {
        return number instanceof Long || number instanceof Integer || number instanceof BigInteger;
    }

    static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
    }
}
