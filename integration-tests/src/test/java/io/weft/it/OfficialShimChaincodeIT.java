package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.peer.chaincode.LocalMavenBuilder;
import io.weft.peer.chaincode.ProcessChaincodeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chaincode written on the official fabric-chaincode-shim 2.5.10, installed as a Fabric Java package and launched by
 * the process runtime as a child JVM, registers with Weft's chaincode support (also over TLS, with the files and
 * variables Fabric hands a chaincode) and its transactions simulate into the read-write sets a Fabric peer would
 * produce.
 */
class OfficialShimChaincodeIT {
    @TempDir
    Path dir;

    ExecutorService logPumps;
    ChaincodePeerHarness peer;

    @BeforeEach
    void startPeer() throws Exception {
        logPumps = Executors.newCachedThreadPool();
        peer = harness(dir, false);
    }

    private ChaincodePeerHarness harness(Path directory, boolean tls) throws Exception {
        ChaincodePeerHarness harness = new ChaincodePeerHarness(
                directory,
                fs -> new ProcessChaincodeRuntime(
                        fs,
                        ProcessChaincodeRuntime.currentJava(),
                        List.of("-Xmx128m"),
                        logPumps,
                        new LocalMavenBuilder("mvn", Duration.ofMinutes(5))),
                Duration.ofSeconds(60),
                tls);
        harness.installJar("asset", ChaincodePeerHarness.chaincodeJar());
        return harness;
    }

    @Test
    void theOfficialShimRegistersOverTlsWithTheCertificateThePeerIssuedIt() throws Exception {
        peer.close();
        peer = harness(dir.resolve("tls"), true);

        ChaincodePeerHarness.Result put = peer.invoke("asset", true, "put", "a", "1");

        assertThat(put.status()).isEqualTo(200);
        assertThat(peer.invoke("asset", false, "get", "a").payload()).isEqualTo("1");
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
        logPumps.shutdownNow();
    }

    @Test
    void officialShimTransactionsSimulateIntoFabricReadWriteSets() {
        ChaincodePeerHarness.Result put = peer.invoke("asset", true, "put", "a", "1");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.ns("asset").getWritesList())
                .extracting(w -> w.getKey() + "=" + w.getValue().toStringUtf8())
                .containsExactly("a=1");
        assertThat(put.ns("asset").getReadsList()).isEmpty();
        ChaincodeEvent event = put.result().event().orElseThrow();
        assertThat(event.getEventName()).isEqualTo("put");
        assertThat(event.getChaincodeId()).isEqualTo("asset");
        assertThat(event.getPayload().toStringUtf8()).isEqualTo("1");

        peer.invoke("asset", true, "put", "b", "2");
        peer.invoke("asset", true, "put", "a", "3");

        ChaincodePeerHarness.Result get = peer.invoke("asset", false, "get", "a");
        assertThat(get.payload()).isEqualTo("3");
        KVRWSet reads = get.ns("asset");
        assertThat(reads.getReadsList()).hasSize(1);
        assertThat(reads.getReads(0).getKey()).isEqualTo("a");
        assertThat(reads.getReads(0).getVersion().getBlockNum()).isEqualTo(3);

        ChaincodePeerHarness.Result missing = peer.invoke("asset", false, "get", "nope");
        assertThat(missing.payload()).isEmpty();
        assertThat(missing.ns("asset").getReads(0).hasVersion()).isFalse();

        ChaincodePeerHarness.Result range = peer.invoke("asset", false, "range", "a", "z");
        assertThat(range.payload()).isEqualTo("a=3,b=2");
        assertThat(range.ns("asset").getRangeQueriesInfo(0).getItrExhausted()).isTrue();
        assertThat(range.ns("asset").getRangeQueriesInfo(0).getRawReads().getKvReadsCount())
                .isEqualTo(2);

        assertThat(peer.invoke("asset", false, "history", "a").payload()).isEqualTo("3,1");

        ChaincodePeerHarness.Result del = peer.invoke("asset", false, "del", "b");
        assertThat(del.ns("asset").getWrites(0).getIsDelete()).isTrue();

        ChaincodePeerHarness.Result failed = peer.invoke("asset", false, "fail");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.result().response().getMessage()).isEqualTo("asked to fail");
    }

    @Test
    void manyRangeResultsArePagedThroughQueryStateNext() {
        assertThat(peer.invoke("asset", true, "putMany", "k", "250").status()).isEqualTo(200);

        ChaincodePeerHarness.Result count = peer.invoke("asset", false, "count", "k", "l");

        assertThat(count.payload()).isEqualTo("250");
        assertThat(count.ns("asset").getRangeQueriesInfo(0).getItrExhausted()).isTrue();
        assertThat(count.ns("asset").getRangeQueriesInfo(0).getRawReads().getKvReadsCount())
                .isEqualTo(250);
    }

    @Test
    void aKilledChaincodeProcessIsRelaunchedForTheNextTransaction() {
        assertThat(peer.invoke("asset", true, "put", "x", "1").status()).isEqualTo(200);
        String id = peer.definitions.get("asset");
        peer.runtime.stop(id);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !peer.support.isReady(id));

        assertThat(peer.invoke("asset", false, "get", "x").payload()).isEqualTo("1");
    }
}
