package io.weft.peer.cli.peer;

import io.weft.peer.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A peer or orderer the CLI dials, with the client side of its TLS.
 *
 * @param hostnameOverride the name to check the server's certificate against instead of the address's host
 */
record Endpoint(
        Role role,
        String address,
        boolean tls,
        Optional<Path> rootCert,
        String hostnameOverride,
        Optional<Path> clientCert,
        Optional<Path> clientKey,
        Duration connTimeout) {

    /** Which kind of node (for messages that say what to check). */
    enum Role {
        PEER("peer", "CORE_PEER_TLS_ENABLED"),
        ORDERER("orderer", "--tls");

        final String noun;
        final String tlsSetting;

        Role(String noun, String tlsSetting) {
            this.noun = noun;
            this.tlsSetting = tlsSetting;
        }
    }

    Endpoint withHostnameOverride(String override) {
        return new Endpoint(role, address, tls, rootCert, override, clientCert, clientKey, connTimeout);
    }

    /**
     * @throws ConfigException when the address is not host:port or a TLS file is missing
     */
    void check() {
        if (!address.matches("[^\\s/]+:\\d{1,5}")) {
            throw new ConfigException(role.noun + " address '" + address + "' is not host:port");
        }
        for (Optional<Path> file : java.util.List.of(rootCert, clientCert, clientKey)) {
            if (file.isPresent() && !Files.isRegularFile(file.get())) {
                throw new ConfigException(
                        "TLS file " + file.get() + " for " + role.noun + " " + address + " does not exist");
            }
        }
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new ConfigException("mutual TLS with " + role.noun + " " + address
                    + " needs both a client certificate and a client key");
        }
    }

    String describe() {
        return role.noun + " " + address;
    }
}
