package io.weft.shim.internal;

import io.weft.shim.contract.Context;
import io.weft.shim.contract.Contract;
import io.weft.shim.contract.ContractInterface;
import io.weft.shim.contract.Default;
import io.weft.shim.contract.Transaction;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/** A contract instance with its name, whether it is the default, and its transaction functions by name. */
record ContractDefinition(
        String name,
        ContractInterface instance,
        Contract annotation,
        boolean isDefault,
        boolean handlesUnknown,
        Map<String, TransactionFunction> functions) {

    /** @throws IllegalArgumentException if the class has no {@link Contract} or two functions share a name */
    static ContractDefinition of(ContractInterface instance) {
        Class<?> type = instance.getClass();
        Contract annotation = type.getAnnotation(Contract.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " has no @Contract annotation");
        }
        String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
        Map<String, TransactionFunction> functions = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(Transaction.class)) {
                TransactionFunction function = TransactionFunction.of(method);
                if (functions.putIfAbsent(function.name(), function) != null) {
                    throw new IllegalArgumentException(
                            "contract '" + name + "' has two transaction functions named '" + function.name() + "'");
                }
            }
        }
        return new ContractDefinition(
                name,
                instance,
                annotation,
                type.isAnnotationPresent(Default.class),
                overridesUnknownTransaction(type),
                Map.copyOf(functions));
    }

    /** The function names in order, for messages. */
    String knownFunctions() {
        return String.join(", ", new TreeMap<>(functions).keySet());
    }

    private static boolean overridesUnknownTransaction(Class<?> type) {
        try {
            return type.getMethod("unknownTransaction", Context.class).getDeclaringClass() != ContractInterface.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
