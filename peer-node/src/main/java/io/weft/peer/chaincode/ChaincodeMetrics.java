package io.weft.peer.chaincode;

import io.weft.peer.operations.Metrics;
import java.time.Duration;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Chaincode support's Prometheus metrics, under Fabric's names and labels (Fabric's core/chaincode): launches, execute
 * timeouts and the shim's requests. The {@code chaincode} label is the chaincode id the chaincode runs under (its
 * package id), as on Fabric.
 */
final class ChaincodeMetrics {
    private final Metrics.Histogram launchDuration;
    private final Metrics.Counter launchFailures;
    private final Metrics.Counter launchTimeouts;
    private final Metrics.Counter executeTimeouts;
    private final Metrics.Counter shimRequestsReceived;
    private final Metrics.Counter shimRequestsCompleted;
    private final Metrics.Histogram shimRequestDuration;

    ChaincodeMetrics(Metrics metrics) {
        launchDuration = metrics.histogram(
                "chaincode_launch_duration", "The time to launch a chaincode.", "chaincode", "success");
        launchFailures = metrics.counter(
                "chaincode_launch_failures", "The number of chaincode launches that have failed.", "chaincode");
        launchTimeouts = metrics.counter(
                "chaincode_launch_timeouts", "The number of chaincode launches that have timed out.", "chaincode");
        executeTimeouts = metrics.counter(
                "chaincode_execute_timeouts",
                "The number of chaincode executions (Init or Invoke) that have timed out.",
                "chaincode");
        shimRequestsReceived = metrics.counter(
                "chaincode_shim_requests_received",
                "The number of chaincode shim requests received.",
                "type",
                "channel",
                "chaincode");
        shimRequestsCompleted = metrics.counter(
                "chaincode_shim_requests_completed",
                "The number of chaincode shim requests completed.",
                "type",
                "channel",
                "chaincode",
                "success");
        shimRequestDuration = metrics.histogram(
                "chaincode_shim_request_duration",
                "The time to complete chaincode shim requests.",
                "type",
                "channel",
                "chaincode",
                "success");
    }

    /** A launch ended: successfully, by timeout, or otherwise failed. */
    void launched(String chaincodeId, Duration took, boolean success, boolean timedOut) {
        launchDuration.observe(seconds(took), chaincodeId, Boolean.toString(success));
        if (timedOut) {
            launchTimeouts.inc(chaincodeId);
        } else if (!success) {
            launchFailures.inc(chaincodeId);
        }
    }

    void executeTimeout(String chaincodeId) {
        executeTimeouts.inc(chaincodeId);
    }

    void shimRequestReceived(ChaincodeMessage request, String chaincodeId) {
        shimRequestsReceived.inc(request.getType().name(), request.getChannelId(), chaincodeId);
    }

    void shimRequestCompleted(ChaincodeMessage request, String chaincodeId, ChaincodeMessage reply, Duration took) {
        String success = Boolean.toString(reply.getType() != ChaincodeMessage.Type.ERROR);
        String type = request.getType().name();
        shimRequestsCompleted.inc(type, request.getChannelId(), chaincodeId, success);
        shimRequestDuration.observe(seconds(took), type, request.getChannelId(), chaincodeId, success);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
