package io.weft.peer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.weft.peer.config.TlsSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OperationsServerTest {
    private final AtomicReference<Optional<String>> docker = new AtomicReference<>(Optional.empty());
    private final Metrics metrics = new Metrics();
    private final HttpClient http = HttpClient.newHttpClient();
    private OperationsServer server;

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start() {
        HealthCheck check = new HealthCheck() {
            @Override
            public String component() {
                return "docker";
            }

            @Override
            public Optional<String> check() {
                return docker.get();
            }
        };
        server = new OperationsServer(
                new InetSocketAddress("127.0.0.1", 0),
                TlsSettings.DISABLED,
                List.of(check),
                Optional.of(metrics),
                LogSpec.parse("info"),
                "0.1.0",
                Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        LogSpec.parse("info").apply();
    }

    @Test
    void healthzReportsFailedChecks() throws Exception {
        start();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).startsWith("{\"status\":\"OK\"");
        docker.set(Optional.of("cannot reach unix:///var/run/docker.sock"));
        HttpResponse<String> failing = get("/healthz");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body())
                .contains(
                        "\"failed_checks\":[{\"component\":\"docker\",\"reason\":\"cannot reach unix:///var/run/docker.sock\"}]");
    }

    @Test
    void metricsAreScrapedInPrometheusFormat() throws Exception {
        start();
        metrics.counter("endorser_proposals_received", "The number of proposals received.")
                .inc();
        metrics.histogram(
                        "ledger_block_processing_time", "Time taken in seconds for ledger block processing.", "channel")
                .observe(0.02, "mychannel");
        metrics.gauge(
                "ledger_blockchain_height",
                "Height of the chain in blocks.",
                new String[] {"channel"},
                new String[] {"mychannel"},
                () -> 7);
        String body = get("/metrics").body();
        assertThat(body)
                .contains("# TYPE endorser_proposals_received counter\nendorser_proposals_received 1\n")
                .contains("ledger_block_processing_time_bucket{channel=\"mychannel\",le=\"0.025\"} 1")
                .contains("ledger_block_processing_time_count{channel=\"mychannel\"} 1")
                .contains("ledger_blockchain_height{channel=\"mychannel\"} 7.0");
    }

    @Test
    void logspecChangesLevelsAtRunTime() throws Exception {
        start();
        assertThat(get("/logspec").body()).isEqualTo("{\"spec\":\"info\"}");
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(url("/logspec")))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\":\"warning:endorser,msp=debug\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(204);
        ch.qos.logback.classic.Logger msp = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.weft.msp");
        assertThat(msp.getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.weft.ledger")).getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(get("/logspec").body()).isEqualTo("{\"spec\":\"warning:endorser,msp=debug\"}");
        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(URI.create(url("/logspec")))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\":\"loud\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown level 'loud'");
        assertThat(get("/version").body()).contains("\"Version\":\"0.1.0\"");
    }

    @Test
    void parsesFabricSpecs() {
        LogSpec spec = LogSpec.parse("info:dockercontroller,endorser,chaincode=debug:io.grpc=warning");
        assertThat(spec.defaultLevel()).isEqualTo(Level.INFO);
        assertThat(spec.loggers())
                .containsEntry("io.weft.peer.chaincode", Level.DEBUG)
                .containsEntry("io.weft.peer.endorser", Level.DEBUG)
                .containsEntry("io.grpc", Level.WARN);
        assertThat(LogSpec.parse("FATAL").defaultLevel()).isEqualTo(Level.ERROR);
        assertThatThrownBy(() -> LogSpec.parse("=debug")).hasMessageContaining("empty logger name");
    }
}
