package io.weft.shim;

/** One result of a range, partial-composite-key or rich query. */
public interface KeyValue {
    String getKey();

    byte[] getValue();

    /** The value decoded as UTF-8. */
    String getStringValue();
}
