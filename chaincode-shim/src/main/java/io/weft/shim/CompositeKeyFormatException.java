package io.weft.shim;

/** A composite key or one of its parts is malformed, or a simple key falls into the composite key namespace. */
public class CompositeKeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CompositeKeyFormatException(String message) {
        super(message);
    }
}
