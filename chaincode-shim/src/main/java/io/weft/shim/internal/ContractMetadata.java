package io.weft.shim.internal;

import io.weft.shim.contract.Contract;
import io.weft.shim.contract.Info;
import io.weft.shim.contract.Transaction;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON that {@code org.hyperledger.fabric:GetMetadata} returns, in fabric-chaincode-shim's shape: {@code $schema},
 * {@code info}, {@code contracts} (each with {@code name}, {@code info} and {@code transactions} of {@code name},
 * {@code tags}, {@code parameters} and {@code returns}) and {@code components.schemas} for the object types used.
 */
final class ContractMetadata {
    static final String SCHEMA = "https://fabric-shim.github.io/release-1.4/contract-schema.json";
    static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";
    static final String GET_METADATA = "GetMetadata";

    private final JsonBinder binder;
    private final Map<String, Object> components = new TreeMap<>();

    private ContractMetadata(JsonBinder binder) {
        this.binder = binder;
    }

    /** Builds the metadata JSON of the contracts plus the system contract; {@code main} supplies the top info. */
    static String build(Collection<ContractDefinition> contracts, ContractDefinition main, JsonBinder binder) {
        ContractMetadata metadata = new ContractMetadata(binder);
        Map<String, Object> contractMap = new TreeMap<>();
        for (ContractDefinition contract : contracts) {
            contractMap.put(contract.name(), metadata.contract(contract));
        }
        contractMap.put(SYSTEM_CONTRACT, systemContract());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("info", main == null ? info(null) : info(main.annotation()));
        root.put("contracts", contractMap);
        root.put("components", Map.of("schemas", metadata.components));
        return Json.write(root);
    }

    private Map<String, Object> contract(ContractDefinition contract) {
        List<Object> transactions = new ArrayList<>();
        for (TransactionFunction function : new TreeMap<>(contract.functions()).values()) {
            transactions.add(transaction(function));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", contract.name());
        map.put("info", info(contract.annotation()));
        map.put("transactions", transactions);
        return map;
    }

    private Map<String, Object> transaction(TransactionFunction function) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", function.name());
        map.put("tags", tags(function.intent()));
        List<Object> parameters = new ArrayList<>();
        for (Parameter parameter : function.parameters()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", parameter.getName());
            entry.put("schema", schema(parameter.getParameterizedType()));
            parameters.add(entry);
        }
        map.put("parameters", parameters);
        Type returns = function.method().getGenericReturnType();
        if (returns != void.class && returns != Void.class) {
            map.put("returns", schema(returns));
        }
        return map;
    }

    private static List<String> tags(Transaction.TYPE intent) {
        return intent == Transaction.TYPE.SUBMIT ? List.of("SUBMIT", "INVOKE") : List.of("EVALUATE", "QUERY");
    }

    /** A JSON schema for a Java type, with {@code $ref}s into {@code components.schemas} for object types. */
    Map<String, Object> schema(Type type) {
        Class<?> raw = JsonBinder.rawClass(type);
        Map<String, Object> schema = new LinkedHashMap<>();
        String[] scalar = scalarSchema(raw);
        if (scalar != null) {
            schema.put("type", scalar[0]);
            if (scalar.length > 1) {
                schema.put("format", scalar[1]);
            }
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.put(
                    "enum",
                    List.of(raw.getEnumConstants()).stream()
                            .map(Object::toString)
                            .toList());
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            schema.put("items", schema(raw.isArray() ? raw.getComponentType() : JsonBinder.typeArgument(type, 0)));
        } else if (Map.class.isAssignableFrom(raw) || !JsonBinder.isObjectClass(raw)) {
            schema.put("type", "object");
        } else {
            component(raw);
            schema.put("$ref", "#/components/schemas/" + raw.getSimpleName());
        }
        return schema;
    }

    private void component(Class<?> type) {
        if (components.containsKey(type.getSimpleName())) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("$id", type.getName());
        component.put("type", "object");
        component.put("additionalProperties", false);
        component.put("properties", properties);
        components.put(type.getSimpleName(), component);
        for (JsonBinder.PropertyBinding property : binder.properties(type)) {
            Map<String, Object> schema = schema(property.type());
            for (int i = 0; i + 1 < property.schema().size(); i += 2) {
                schema.put(property.schema().get(i), property.schema().get(i + 1));
            }
            properties.put(property.jsonName(), schema);
        }
    }

    private static String[] scalarSchema(Class<?> type) {
        return switch (JsonScalars.boxed(type).getSimpleName()) {
            case "String" -> new String[] {"string"};
            case "Character" -> new String[] {"string", "uint16"};
            case "Byte" -> new String[] {"integer", "int8"};
            case "Short" -> new String[] {"integer", "int16"};
            case "Integer" -> new String[] {"integer", "int32"};
            case "Long" -> new String[] {"integer", "int64"};
            case "Double" -> new String[] {"number", "double"};
            case "Float" -> new String[] {"number", "float"};
            case "Boolean" -> new String[] {"boolean"};
            case "byte[]" -> new String[] {"string", "byte"};
            default -> null;
        };
    }

    private static Map<String, Object> systemContract() {
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("name", GET_METADATA);
        transaction.put("tags", tags(Transaction.TYPE.EVALUATE));
        transaction.put("parameters", List.of());
        transaction.put("returns", Map.of("type", "string"));
        Map<String, Object> info = info(null);
        info.put("title", "Fabric System Contract");
        info.put("description", "Provides information about the contracts within this container");
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("name", SYSTEM_CONTRACT);
        contract.put("info", info);
        contract.put("transactions", List.of(transaction));
        return contract;
    }

    private static Map<String, Object> info(Contract annotation) {
        Map<String, Object> map = new LinkedHashMap<>();
        Info info = annotation == null ? null : annotation.info();
        map.put("title", info == null ? "" : info.title());
        map.put("description", info == null ? "" : info.description());
        map.put("termsOfService", info == null ? "" : info.termsOfService());
        Map<String, Object> contact = new LinkedHashMap<>();
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("name", info == null ? "" : info.license().name());
        if (info != null) {
            putIfNotEmpty(contact, "email", info.contact().email());
            putIfNotEmpty(contact, "name", info.contact().name());
            putIfNotEmpty(contact, "url", info.contact().url());
            putIfNotEmpty(license, "url", info.license().url());
        }
        map.put("contact", contact);
        map.put("license", license);
        map.put("version", info == null ? "" : info.version());
        return map;
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
