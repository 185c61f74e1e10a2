package io.weft.peer.chaincode;

/**
 * Runs chaincode processes: a container per package (Docker), a child JVM (process), a connection the peer dials
 * (external, chaincode-as-a-service), or nothing at all (dev: the user runs the chaincode). A started chaincode dials
 * the peer and registers under its package id; {@link ChaincodeSupport} waits for that, up to {@code
 * chaincode.startuptimeout}.
 */
public interface ChaincodeRuntime extends ChaincodeBuilder, AutoCloseable {
    /**
     * Prepares an installed package so that a launch only has to start it (the Docker runtime builds its image, a
     * Maven project included). Nothing to do by default.
     */
    @Override
    default void build(ChaincodePackage pkg) {}

    /**
     * Starts the chaincode of {@code launch}; may block (building an image). Returns once it runs, not once it has
     * registered. Throws {@link ChaincodeException} with the reason when it cannot start.
     */
    void start(ChaincodeLaunch launch);

    /** Stops and forgets the chaincode; nothing happens when it does not run. */
    void stop(String chaincodeId);

    /** Whether the chaincode's process (container, connection) is alive. */
    boolean isRunning(String chaincodeId);

    /** Stops every chaincode this runtime started (peer shutdown). */
    @Override
    void close();
}
