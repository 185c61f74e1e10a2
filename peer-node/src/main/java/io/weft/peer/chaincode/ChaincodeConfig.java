package io.weft.peer.chaincode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Chaincode support settings (Fabric's {@code chaincode.*} and the peer keys they depend on).
 *
 * @param fileSystemPath {@code peer.fileSystemPath}: packages under {@code lifecycle/chaincodes}, extracted jars
 *     under {@code chaincodes}
 * @param chaincodeAddress {@code host:port} a launched chaincode dials ({@code peer.chaincodeAddress}, else the
 *     chaincode listener); containers use the host network, so {@code 127.0.0.1:<port>} works for Docker too
 * @param localMspId {@code peer.localMspId}, handed to the chaincode as {@code CORE_PEER_LOCALMSPID}
 * @param startupTimeout {@code chaincode.startuptimeout}: from launch until the chaincode is READY (at least 5 s,
 *     as Fabric enforces)
 * @param executeTimeout {@code chaincode.executetimeout}: from sending TRANSACTION until COMPLETED/ERROR
 * @param keepalive {@code chaincode.keepalive}: interval of KEEPALIVE messages to the chaincode, zero = off
 * @param totalQueryLimit {@code ledger.state.totalQueryLimit}: most results one range or history query returns
 * @param devMode {@code peer.chaincodeDevMode}: accept chaincodes that register without having been launched
 */
public record ChaincodeConfig(
        Path fileSystemPath,
        String chaincodeAddress,
        String localMspId,
        Duration startupTimeout,
        Duration executeTimeout,
        Duration keepalive,
        int totalQueryLimit,
        boolean devMode) {
    /** Fabric's default {@code chaincode.startuptimeout}. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(5);
    /** Fabric's default {@code chaincode.executetimeout}. */
    public static final Duration DEFAULT_EXECUTE_TIMEOUT = Duration.ofSeconds(30);
    /** Fabric's floor for {@code chaincode.startuptimeout}. */
    public static final Duration MINIMUM_STARTUP_TIMEOUT = Duration.ofSeconds(5);
    /** Fabric's sample core.yaml {@code ledger.state.totalQueryLimit}. */
    public static final int DEFAULT_TOTAL_QUERY_LIMIT = 100_000;

    public ChaincodeConfig {
        Objects.requireNonNull(fileSystemPath, "fileSystemPath");
        Objects.requireNonNull(chaincodeAddress, "chaincodeAddress");
        Objects.requireNonNull(localMspId, "localMspId");
        requirePositive(startupTimeout, "chaincode.startuptimeout");
        requirePositive(executeTimeout, "chaincode.executetimeout");
        Objects.requireNonNull(keepalive, "keepalive");
        if (keepalive.isNegative()) {
            throw new IllegalArgumentException("chaincode.keepalive must be >= 0, was " + keepalive);
        }
        if (totalQueryLimit <= 0) {
            throw new IllegalArgumentException("ledger.state.totalQueryLimit must be > 0, was " + totalQueryLimit);
        }
    }

    /** Fabric's defaults for everything but the paths and addresses. */
    public static ChaincodeConfig defaults(Path fileSystemPath, String chaincodeAddress, String localMspId) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                DEFAULT_STARTUP_TIMEOUT,
                DEFAULT_EXECUTE_TIMEOUT,
                Duration.ZERO,
                DEFAULT_TOTAL_QUERY_LIMIT,
                false);
    }

    /** A copy with this startup timeout, not clamped (tests go below 5 s); see {@link #clampStartupTimeout}. */
    public ChaincodeConfig withStartupTimeout(Duration timeout) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                timeout,
                executeTimeout,
                keepalive,
                totalQueryLimit,
                devMode);
    }

    public ChaincodeConfig withExecuteTimeout(Duration timeout) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                startupTimeout,
                timeout,
                keepalive,
                totalQueryLimit,
                devMode);
    }

    public ChaincodeConfig withKeepalive(Duration interval) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                startupTimeout,
                executeTimeout,
                interval,
                totalQueryLimit,
                devMode);
    }

    public ChaincodeConfig withTotalQueryLimit(int limit) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                startupTimeout,
                executeTimeout,
                keepalive,
                limit,
                devMode);
    }

    public ChaincodeConfig withDevMode(boolean enabled) {
        return new ChaincodeConfig(
                fileSystemPath,
                chaincodeAddress,
                localMspId,
                startupTimeout,
                executeTimeout,
                keepalive,
                totalQueryLimit,
                enabled);
    }

    /** Raises a configured startup timeout to Fabric's 5 s floor (for the config loader). */
    public static Duration clampStartupTimeout(Duration configured) {
        return configured.compareTo(MINIMUM_STARTUP_TIMEOUT) < 0 ? MINIMUM_STARTUP_TIMEOUT : configured;
    }

    private static void requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be > 0, was " + d);
        }
    }
}
