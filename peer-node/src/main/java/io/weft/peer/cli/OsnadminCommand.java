package io.weft.peer.cli;

import io.weft.peer.config.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code osnadmin channel join|list|remove}: Fabric's orderer admin CLI, talking to the channel participation API
 * (over mutual TLS when {@code --ca-file}, {@code --client-cert} and {@code --client-key} are given). Prints
 * {@code Status: <code>} and the JSON answer, as Fabric's does.
 */
@Command(
        name = "osnadmin",
        description = "Orderer service node administration.",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        subcommands = {OsnadminCommand.Channel.class})
final class OsnadminCommand {

    /** The connection flags every subcommand takes. */
    static final class Connection {
        @Option(
                names = {"-o", "--orderer-address"},
                required = true,
                paramLabel = "HOST:PORT",
                description = "Admin endpoint of the orderer")
        String address;

        @Option(names = "--ca-file", paramLabel = "FILE", description = "TLS CA of the admin endpoint")
        Path caFile;

        @Option(names = "--client-cert", paramLabel = "FILE", description = "Client TLS certificate for mutual TLS")
        Path clientCert;

        @Option(names = "--client-key", paramLabel = "FILE", description = "Client TLS private key for mutual TLS")
        Path clientKey;

        @Option(names = "--no-status", description = "Do not print the status code")
        boolean noStatus;

        HttpClient client(CommandSpec spec) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
            if (caFile != null) {
                for (Path file : new Path[] {caFile, clientCert, clientKey}) {
                    if (file != null && !Files.isRegularFile(file)) {
                        throw new ParameterException(spec.commandLine(), "file " + file + " does not exist");
                    }
                }
                TlsSettings tls = new TlsSettings(
                        true,
                        Optional.ofNullable(clientCert),
                        Optional.ofNullable(clientKey),
                        List.of(caFile),
                        false,
                        List.of());
                builder.sslContext(tls.jdkContext(false));
            }
            return builder.build();
        }

        URI uri(String path) {
            return URI.create((caFile != null ? "https://" : "http://") + address + path);
        }

        int print(CommandSpec spec, HttpResponse<String> response) {
            if (!noStatus) {
                spec.commandLine().getOut().println("Status: " + response.statusCode());
            }
            if (!response.body().isBlank()) {
                spec.commandLine()
                        .getOut()
                        .println(JsonIndent.indent(response.body().strip()));
            }
            return response.statusCode() >= 200 && response.statusCode() < 300 ? 0 : 1;
        }

        HttpResponse<String> send(CommandSpec spec, HttpRequest request) {
            try {
                return client(spec).send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot reach the orderer admin endpoint " + address + ": "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Command(
            name = "channel",
            description = "Channel actions",
            mixinStandardHelpOptions = true,
            subcommands = {Join.class, ListChannels.class, Remove.class})
    static final class Channel {}

    @Command(name = "join", description = "Joins an orderer node to a channel", mixinStandardHelpOptions = true)
    static final class Join implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(
                names = {"-c", "--channelID"},
                required = true,
                description = "Channel ID")
        String channelId;

        @Option(
                names = {"-b", "--config-block"},
                required = true,
                paramLabel = "FILE",
                description = "Path to the file containing an up-to-date config block for the channel")
        Path configBlock;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(configBlock)) {
                throw new ParameterException(spec.commandLine(), "config block " + configBlock + " does not exist");
            }
            String boundary = "weft-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\""
                            + configBlock.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(configBlock));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(connection.uri("/participation/v1/channels"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build();
            return connection.print(spec, connection.send(spec, request));
        }
    }

    @Command(
            name = "list",
            description = "Lists channel information for an orderer node",
            mixinStandardHelpOptions = true)
    static final class ListChannels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(
                names = {"-c", "--channelID"},
                description = "Channel ID (all channels when omitted)")
        String channelId;

        @Override
        public Integer call() {
            String path = "/participation/v1/channels" + (channelId == null ? "" : "/" + channelId);
            return connection.print(
                    spec,
                    connection.send(
                            spec,
                            HttpRequest.newBuilder(connection.uri(path)).GET().build()));
        }
    }

    @Command(name = "remove", description = "Removes an orderer node from a channel", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(
                names = {"-c", "--channelID"},
                required = true,
                description = "Channel ID")
        String channelId;

        @Override
        public Integer call() {
            HttpRequest request = HttpRequest.newBuilder(connection.uri("/participation/v1/channels/" + channelId))
                    .DELETE()
                    .build();
            return connection.print(spec, connection.send(spec, request));
        }
    }
}
