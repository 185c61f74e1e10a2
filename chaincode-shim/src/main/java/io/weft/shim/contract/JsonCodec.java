package io.weft.shim.contract;

import io.weft.shim.internal.JsonBinder;
import java.lang.reflect.Type;

/**
 * The JSON conversion the contract layer uses, for chaincode to store values in state the same way: records and beans
 * (properties sorted by JSON name, {@link Property#name()} or the field name), lists, maps, scalars. Thread-safe; keep
 * one per contract ({@code private final JsonCodec json = new JsonCodec();}).
 */
public final class JsonCodec {
    private final JsonBinder binder = new JsonBinder();

    public String toJson(Object value) {
        return binder.toJson(value);
    }

    /** @throws IllegalArgumentException when the text is not JSON or does not fit the type (the path is named) */
    public <T> T fromJson(String json, Class<T> type) {
        Object value = binder.fromJson(json, type);
        @SuppressWarnings("unchecked") // primitives come back boxed, which the cast of a Class<T> cannot express
        T typed = (T) value;
        return typed;
    }

    /** For generic types such as {@code List<Asset>}, given as a {@link java.lang.reflect.ParameterizedType}. */
    public Object fromJson(String json, Type type) {
        return binder.fromJson(json, type);
    }
}
