package io.weft.ledger;

/**
 * Any failure of the ledger: a store that cannot be opened or is inconsistent, a block that does not extend the
 * chain, a misuse of a simulator. Library exceptions (RocksDB, protobuf) are wrapped once, with the channel and block.
 */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
