package io.weft.peer.cli.peer;

import io.weft.peer.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --peerAddresses} and {@code --tlsRootCertFiles}, repeatable in matching order; without them the CLI talks to
 * {@code CORE_PEER_ADDRESS} with {@code CORE_PEER_TLS_ROOTCERT_FILE}, as Fabric's does.
 */
final class PeerTargets {
    @Option(
            names = "--peerAddresses",
            paramLabel = "HOST:PORT",
            description = "The addresses of the peers to connect to (repeatable)")
    List<String> addresses = new ArrayList<>();

    @Option(
            names = "--tlsRootCertFiles",
            paramLabel = "FILE",
            description = "If TLS is enabled, the TLS root cert files of the peers, in the order of --peerAddresses")
    List<String> rootCertFiles = new ArrayList<>();

    /**
     * The peers to send to.
     *
     * @param maxPeers 1 for commands that talk to one peer, {@code Integer.MAX_VALUE} for invoke and commit
     */
    List<Endpoint> endpoints(CommandSpec spec, ClientConfig config, int maxPeers) {
        List<String> given = addresses.stream().filter(a -> !a.isBlank()).toList();
        try {
            if (given.isEmpty()) {
                return List.of(config.defaultPeer());
            }
            if (given.size() > maxPeers) {
                throw new ParameterException(
                        spec.commandLine(),
                        "'" + spec.name() + "' command supports one peer. " + given.size() + " peers provided");
            }
            List<String> certs =
                    rootCertFiles.stream().filter(a -> !a.isBlank()).toList();
            if (config.tlsEnabled() && certs.size() != given.size()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "number of peer addresses (" + given.size() + ") does not match the number of TLS root cert"
                                + " files (" + certs.size() + ")");
            }
            List<Endpoint> result = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Optional<Path> cert = config.tlsEnabled() ? Optional.of(Path.of(certs.get(i))) : Optional.empty();
                result.add(config.peer(given.get(i), cert));
            }
            return result;
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
