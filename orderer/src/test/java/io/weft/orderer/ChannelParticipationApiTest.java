package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.testing.TestNetwork;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelParticipationApiTest {
    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private LedgerProvider ledgers;
    private ChannelRegistrar registrar;
    private HttpServer server;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void start() throws Exception {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        registrar = new ChannelRegistrar(ledgers, network.orderer(), TestNetwork.CRYPTO, 100);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ChannelParticipationApi.BASE, new ChannelParticipationApi(registrar));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ChannelParticipationApi.BASE);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        registrar.close();
        ledgers.close();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> join(byte[] block) throws Exception {
        String boundary = "weft-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"b.block\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(HttpRequest.newBuilder(base)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    @Test
    void joinsListsAndRemovesChannels() throws Exception {
        HttpResponse<String> joined = join(network.genesisBlock("mychannel").toByteArray());
        assertThat(joined.statusCode()).isEqualTo(201);
        assertThat(joined.headers().firstValue("Location")).contains(ChannelParticipationApi.BASE + "/mychannel");
        assertThat(joined.body())
                .contains("\"name\":\"mychannel\"")
                .contains("\"status\":\"active\"")
                .contains("\"height\":1");

        HttpResponse<String> list = send(HttpRequest.newBuilder(base).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .isEqualTo("{\"systemChannel\":null,\"channels\":[{\"name\":\"mychannel\",\"url\":\""
                        + ChannelParticipationApi.BASE + "/mychannel\"}]}\n");

        HttpResponse<String> again = join(network.genesisBlock("mychannel").toByteArray());
        assertThat(again.statusCode()).isEqualTo(405);
        assertThat(again.body()).contains("cannot join: channel mychannel already exists");

        URI one = URI.create(base + "/mychannel");
        assertThat(send(HttpRequest.newBuilder(one).GET().build()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(one).DELETE().build()).statusCode())
                .isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(one).GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(one).DELETE().build()).statusCode())
                .isEqualTo(404);
        assertThat(ledgers.channels()).isEmpty();
    }

    @Test
    void refusesBadRequestsWithClearErrors() throws Exception {
        HttpResponse<String> garbage = join("not a block".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).startsWith("{\"error\":\"cannot join:");

        HttpResponse<String> json = send(HttpRequest.newBuilder(base)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("unsupported Content-Type");

        HttpResponse<String> badId = send(
                HttpRequest.newBuilder(URI.create(base + "/Bad_Name")).GET().build());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("invalid channel ID");

        HttpResponse<String> put = send(HttpRequest.newBuilder(base)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(ledgers.channels()).isEmpty();
    }
}
