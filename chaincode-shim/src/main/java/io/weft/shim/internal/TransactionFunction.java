package io.weft.shim.internal;

import io.weft.shim.contract.Context;
import io.weft.shim.contract.Transaction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

/** A {@link Transaction} method of a contract: its function name, intent and the parameters after the context. */
record TransactionFunction(String name, Transaction.TYPE intent, Method method, List<Parameter> parameters) {
    /** @throws IllegalArgumentException if the method is not public or does not take a {@link Context} first */
    static TransactionFunction of(Method method) {
        Transaction annotation = method.getAnnotation(Transaction.class);
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException("@Transaction method " + where + " must be public and not static");
        }
        Parameter[] all = method.getParameters();
        if (all.length == 0 || !Context.class.isAssignableFrom(all[0].getType())) {
            throw new IllegalArgumentException("@Transaction method " + where + " must take a Context first");
        }
        String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
        method.setAccessible(true);
        return new TransactionFunction(
                name,
                annotation.intent(),
                method,
                List.copyOf(Arrays.asList(all).subList(1, all.length)));
    }

    /** The parameter names, for messages ({@code arg0...} unless compiled with {@code -parameters}). */
    String parameterNames() {
        return String.join(", ", parameters.stream().map(Parameter::getName).toList());
    }
}
