package io.weft.peer.operations;

import java.util.Optional;

/** One component the operations {@code /healthz} endpoint asks: empty when healthy, else the reason. */
public interface HealthCheck {
    String component();

    Optional<String> check();
}
