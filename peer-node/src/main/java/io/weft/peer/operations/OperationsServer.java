package io.weft.peer.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's operations service: {@code GET /healthz}, {@code GET /metrics} (Prometheus text, when the metrics provider
 * is prometheus), {@code GET|PUT /logspec} and {@code GET /version}, over HTTP or HTTPS with optional client
 * certificates.
 */
public final class OperationsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsServer.class);
    private static final Pattern SPEC_JSON = Pattern.compile("\\{\\s*\"spec\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");

    private final InetSocketAddress address;
    private final TlsSettings tls;
    private final List<HealthCheck> checks;
    private final Optional<Metrics> metrics;
    private final String version;
    private final Clock clock;
    private volatile LogSpec logSpec;
    private HttpServer server;
    private ExecutorService executor;

    public OperationsServer(
            InetSocketAddress address,
            TlsSettings tls,
            List<HealthCheck> checks,
            Optional<Metrics> metrics,
            LogSpec logSpec,
            String version,
            Clock clock) {
        this.address = address;
        this.tls = tls;
        this.checks = List.copyOf(checks);
        this.metrics = metrics;
        this.logSpec = logSpec;
        this.version = version;
        this.clock = clock;
    }

    public void start() {
        try {
            if (tls.enabled()) {
                HttpsServer https = HttpsServer.create(address, 0);
                var context = tls.jdkContext(true);
                boolean clientAuth = tls.clientAuthRequired();
                https.setHttpsConfigurator(new HttpsConfigurator(context) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters parameters = context.getDefaultSSLParameters();
                        parameters.setWantClientAuth(true);
                        parameters.setNeedClientAuth(clientAuth);
                        params.setSSLParameters(parameters);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new ConfigException("operations.listenAddress: cannot listen on " + address + ": " + e.getMessage());
        }
        server.createContext("/healthz", exchange -> handle(exchange, this::healthz));
        server.createContext("/metrics", exchange -> handle(exchange, this::metrics));
        server.createContext("/logspec", exchange -> handle(exchange, this::logspec));
        server.createContext("/version", exchange -> handle(exchange, this::version));
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "operations");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("operations service on {}{}", server.getAddress(), tls.enabled() ? " (TLS)" : "");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            LOG.warn("operations request {} failed", exchange.getRequestURI(), e);
            send(exchange, 500, "application/json", "{\"error\":\"internal error\"}");
        }
    }

    private void healthz(HttpExchange exchange) throws IOException {
        List<String> failed = new ArrayList<>();
        for (HealthCheck check : checks) {
            check.check()
                    .ifPresent(reason -> failed.add(
                            "{\"component\":\"" + check.component() + "\",\"reason\":" + quote(reason) + "}"));
        }
        String time = quote(clock.instant().toString());
        if (failed.isEmpty()) {
            send(exchange, 200, "application/json", "{\"status\":\"OK\",\"time\":" + time + "}");
        } else {
            send(
                    exchange,
                    503,
                    "application/json",
                    "{\"status\":\"Service Unavailable\",\"time\":" + time + ",\"failed_checks\":["
                            + String.join(",", failed) + "]}");
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (metrics.isEmpty()) {
            send(exchange, 404, "text/plain", "metrics are disabled (set metrics.provider: prometheus)");
            return;
        }
        send(exchange, 200, "text/plain; version=0.0.4", metrics.get().scrape());
    }

    private void logspec(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> send(exchange, 200, "application/json", "{\"spec\":" + quote(logSpec.toString()) + "}");
            case "PUT" -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                Matcher matcher = SPEC_JSON.matcher(body.trim());
                if (!matcher.matches()) {
                    send(
                            exchange,
                            400,
                            "application/json",
                            "{\"error\":\"expected a body like {\\\"spec\\\":\\\"info\\\"}\"}");
                    return;
                }
                try {
                    LogSpec spec = LogSpec.parse(matcher.group(1).replace("\\\"", "\""));
                    spec.apply();
                    logSpec = spec;
                    LOG.info("logging spec changed to {}", spec);
                    exchange.sendResponseHeaders(204, -1);
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "application/json", "{\"error\":" + quote(e.getMessage()) + "}");
                }
            }
            default -> send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
        }
    }

    private void version(HttpExchange exchange) throws IOException {
        send(exchange, 200, "application/json", "{\"Version\":" + quote(version) + ",\"CommitSHA\":\"\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
