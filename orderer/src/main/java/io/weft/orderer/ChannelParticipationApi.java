package io.weft.orderer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's channel participation REST API (what {@code osnadmin channel join|list|remove} calls) under
 * {@code /participation/v1/channels}: list, get one, join by POSTing a config block as the multipart form field
 * {@code config-block}, and remove. Answers are JSON as Fabric's; errors are {@code {"error": "..."}}.
 */
public final class ChannelParticipationApi implements HttpHandler {
    public static final String BASE = "/participation/v1/channels";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelParticipationApi.class);
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.\\-]{0,248}");
    private static final int MAX_BODY_BYTES = 100 * 1024 * 1024;

    private final ChannelRegistrar registrar;

    public ChannelParticipationApi(ChannelRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            LOG.warn("channel participation request failed", e);
            send(exchange, 500, error("internal error: " + e.getMessage()));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            switch (method) {
                case "GET" -> send(exchange, 200, listJson());
                case "POST" -> join(exchange, null);
                default -> notAllowed(exchange, method, "GET, POST");
            }
            return;
        }
        if (!path.startsWith(BASE + "/")) {
            send(exchange, 404, error("no such resource: " + path));
            return;
        }
        String channelId = path.substring(BASE.length() + 1);
        if (!CHANNEL_ID.matcher(channelId).matches()) {
            send(
                    exchange,
                    400,
                    error("invalid channel ID '" + channelId
                            + "': it must match [a-z][a-z0-9.-]* and be shorter than 250 characters"));
            return;
        }
        switch (method) {
            case "GET" -> {
                Optional<OrdererChannel> channel = registrar.channel(channelId);
                if (channel.isEmpty()) {
                    send(exchange, 404, error("channel " + channelId + " does not exist"));
                } else {
                    send(exchange, 200, infoJson(channel.get()));
                }
            }
            case "POST" -> join(exchange, channelId);
            case "DELETE" -> remove(exchange, channelId);
            default -> notAllowed(exchange, method, "GET, POST, DELETE");
        }
    }

    private void join(HttpExchange exchange, String expectedChannel) throws IOException {
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            send(
                    exchange,
                    400,
                    error("unsupported Content-Type: " + contentType
                            + " (send the block as multipart/form-data field config-block)"));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            send(exchange, 413, error("request body exceeds " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        Block block;
        try {
            byte[] blockBytes = MultipartForm.file(contentType, body, "config-block");
            block = Block.parseFrom(blockBytes);
        } catch (IOException | IllegalArgumentException e) {
            send(exchange, 400, error("cannot join: " + e.getMessage()));
            return;
        }
        try {
            OrdererChannel channel = registrar.join(block);
            if (expectedChannel != null && !expectedChannel.equals(channel.channelId())) {
                LOG.warn("joined channel {} from a request addressed to {}", channel.channelId(), expectedChannel);
            }
            exchange.getResponseHeaders().set("Location", BASE + "/" + channel.channelId());
            send(exchange, 201, infoJson(channel));
        } catch (ChannelRegistrar.ChannelExistsException e) {
            exchange.getResponseHeaders().set("Allow", "GET, DELETE");
            send(exchange, 405, error("cannot join: " + e.getMessage()));
        } catch (OrdererException e) {
            send(exchange, 400, error("cannot join: " + e.getMessage()));
        }
    }

    private void remove(HttpExchange exchange, String channelId) throws IOException {
        try {
            registrar.remove(channelId);
            exchange.sendResponseHeaders(204, -1);
        } catch (ChannelRegistrar.UnknownChannelException e) {
            send(exchange, 404, error("cannot remove: " + e.getMessage()));
        }
    }

    private static void notAllowed(HttpExchange exchange, String method, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        send(exchange, 405, error("invalid request method: " + method));
    }

    private String listJson() {
        List<String> entries = registrar.channels().stream()
                .map(id -> "{\"name\":" + Json.quote(id) + ",\"url\":" + Json.quote(BASE + "/" + id) + "}")
                .toList();
        return "{\"systemChannel\":null,\"channels\":[" + String.join(",", entries) + "]}";
    }

    private static String infoJson(OrdererChannel channel) {
        return "{\"name\":" + Json.quote(channel.channelId()) + ",\"url\":"
                + Json.quote(BASE + "/" + channel.channelId())
                + ",\"consensusRelation\":\"consenter\",\"status\":\"active\",\"height\":"
                + Long.toUnsignedString(channel.ledger().height()) + "}";
    }

    private static String error(String message) {
        return "{\"error\":" + Json.quote(message) + "}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
