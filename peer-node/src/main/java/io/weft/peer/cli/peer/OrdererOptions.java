package io.weft.peer.cli.peer;

import io.weft.peer.config.ConfigException;
import io.weft.peer.config.YamlConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Fabric's orderer flags, shared by the channel, chaincode and lifecycle commands. */
final class OrdererOptions {
    @Option(
            names = {"-o", "--orderer"},
            paramLabel = "HOST:PORT",
            description = "Ordering service endpoint")
    String address = "";

    @Option(names = "--tls", description = "Use TLS when communicating with the orderer endpoint")
    boolean tls;

    @Option(
            names = "--cafile",
            paramLabel = "FILE",
            description = "Path to file containing PEM-encoded trusted certificate(s) for the ordering endpoint")
    Path caFile;

    @Option(names = "--clientauth", description = "Use mutual TLS when communicating with the orderer endpoint")
    boolean clientAuth;

    @Option(
            names = "--certfile",
            paramLabel = "FILE",
            description = "Path to file containing PEM-encoded X509 public key to use for mutual TLS with the orderer")
    Path certFile;

    @Option(
            names = "--keyfile",
            paramLabel = "FILE",
            description = "Path to file containing PEM-encoded private key to use for mutual TLS with the orderer")
    Path keyFile;

    @Option(
            names = "--ordererTLSHostnameOverride",
            paramLabel = "NAME",
            description = "The hostname override to use when validating the TLS connection to the orderer")
    String hostnameOverride = "";

    @Option(
            names = "--connTimeout",
            paramLabel = "DURATION",
            description = "Timeout for client to connect (default 3s)")
    String connTimeout = "3s";

    boolean given() {
        return !address.isBlank();
    }

    /** The orderer named by {@code -o}; a usage error when it is missing or its TLS files are wrong. */
    Endpoint endpoint(CommandSpec spec) {
        if (!given()) {
            throw new ParameterException(
                    spec.commandLine(), "no orderer endpoint: pass the ordering service's address with -o host:port");
        }
        Duration timeout = YamlConfig.parseDuration(connTimeout.trim())
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "--connTimeout: expected a duration such as 3s, got '" + connTimeout + "'"));
        if (tls && caFile == null) {
            throw new ParameterException(spec.commandLine(), "--tls needs --cafile (the orderer's TLS CA certificate)");
        }
        if (clientAuth && (certFile == null || keyFile == null)) {
            throw new ParameterException(spec.commandLine(), "--clientauth needs --certfile and --keyfile");
        }
        Endpoint endpoint = new Endpoint(
                Endpoint.Role.ORDERER,
                address.trim(),
                tls,
                tls ? Optional.of(caFile) : Optional.empty(),
                hostnameOverride,
                tls && clientAuth ? Optional.of(certFile) : Optional.empty(),
                tls && clientAuth ? Optional.of(keyFile) : Optional.empty(),
                timeout);
        try {
            endpoint.check();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return endpoint;
    }
}
