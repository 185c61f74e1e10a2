package io.weft.samples.assettransfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.shim.Chaincode.Response;
import io.weft.shim.contract.ContractRouter;
import org.junit.jupiter.api.Test;

/** The sample's functions through Weft's contract router, on an in-memory world state. */
class AssetTransferTest {
    private static final String ASSET1 =
            "{\"AppraisedValue\":300,\"Color\":\"blue\",\"ID\":\"asset1\",\"Owner\":\"Tomoko\",\"Size\":5}";

    private final ContractRouter router = new ContractRouter(new AssetTransfer());
    private InMemoryStub world = new InMemoryStub();
    private int txCount;

    private Response call(String... args) {
        world = world.next("tx" + ++txCount, args);
        return router.invoke(world);
    }

    @Test
    void initLedgerStoresSixAssetsAsFabricSamplesJson() {
        assertThat(call("InitLedger").getStatusCode()).isEqualTo(200);
        assertThat(new String(world.getState("asset1"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(ASSET1);
        Response read = call("ReadAsset", "asset1");
        assertThat(read.getStringPayload()).isEqualTo(ASSET1);
        Response all = call("GetAllAssets");
        assertThat(all.getStringPayload()).startsWith("[" + ASSET1 + ",").endsWith("\"Size\":15}]");
        assertThat(all.getStringPayload().split("\\},\\{")).hasSize(6);
    }

    @Test
    void createReadUpdateDelete() {
        assertThat(call("CreateAsset", "a9", "red", "3", "Ann", "50").getStringPayload())
                .isEqualTo("{\"AppraisedValue\":50,\"Color\":\"red\",\"ID\":\"a9\",\"Owner\":\"Ann\",\"Size\":3}");
        assertThat(call("AssetExists", "a9").getStringPayload()).isEqualTo("true");
        assertThat(call("UpdateAsset", "a9", "green", "4", "Bob", "60").getStatusCode())
                .isEqualTo(200);
        assertThat(call("ReadAsset", "a9").getStringPayload()).contains("\"Color\":\"green\"");
        assertThat(call("DeleteAsset", "a9").getStatusCode()).isEqualTo(200);
        assertThat(call("AssetExists", "a9").getStringPayload()).isEqualTo("false");
    }

    @Test
    void errorsAre500WithFabricSamplesMessagesAndCodes() {
        call("CreateAsset", "a1", "red", "3", "Ann", "50");
        Response duplicate = call("CreateAsset", "a1", "red", "3", "Ann", "50");
        assertThat(duplicate.getStatusCode()).isEqualTo(500);
        assertThat(duplicate.getMessage()).isEqualTo("Asset a1 already exists");
        assertThat(duplicate.getStringPayload()).isEqualTo("ASSET_ALREADY_EXISTS");
        Response missing = call("UpdateAsset", "asset70", "blue", "5", "Tomoko", "300");
        assertThat(missing.getStatusCode()).isEqualTo(500);
        assertThat(missing.getMessage()).isEqualTo("Asset asset70 does not exist");
        assertThat(call("DeleteAsset", "nope").getStringPayload()).isEqualTo("ASSET_NOT_FOUND");
        assertThat(call("CreateAsset", "a2", "red", "big", "Ann", "50").getMessage())
                .contains("'size'")
                .contains("expected an int, got 'big'");
    }

    @Test
    void transferReturnsThePreviousOwnerAndEmitsAnEvent() {
        call("InitLedger");
        Response transfer = call("TransferAsset", "asset1", "Saptha");
        assertThat(transfer.getStringPayload()).isEqualTo("Tomoko");
        assertThat(world.getEvent().getEventName()).isEqualTo("TransferAsset");
        assertThat(world.getEvent().getPayload().toStringUtf8()).contains("\"Owner\":\"Saptha\"");
        assertThat(call("ReadAsset", "asset1").getStringPayload()).contains("\"Owner\":\"Saptha\"");
    }

    @Test
    void historyListsModificationsNewestFirst() {
        call("CreateAsset", "a1", "red", "3", "Ann", "50");
        call("TransferAsset", "a1", "Bob");
        call("DeleteAsset", "a1");
        String history = call("GetAssetHistory", "a1").getStringPayload();
        assertThat(history)
                .startsWith(
                        "[{\"isDelete\":true,\"record\":null,\"timestamp\":\"2023-11-14T22:13:20Z\",\"txId\":\"tx3\"}")
                .contains("\"Owner\":\"Bob\"")
                .endsWith("\"txId\":\"tx1\"}]");
    }

    @Test
    void metadataListsTheBasicContract() {
        String metadata = call("org.hyperledger.fabric:GetMetadata").getStringPayload();
        assertThat(metadata).contains("\"basic\"").contains("\"TransferAsset\"").contains("\"Asset\"");
        assertThat(call("basic:AssetExists", "x").getStringPayload()).isEqualTo("false");
    }
}
