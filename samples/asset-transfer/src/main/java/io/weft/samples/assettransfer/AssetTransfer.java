package io.weft.samples.assettransfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weft.shim.ChaincodeException;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.KeyModification;
import io.weft.shim.KeyValue;
import io.weft.shim.QueryResultsIterator;
import io.weft.shim.contract.Contact;
import io.weft.shim.contract.Context;
import io.weft.shim.contract.Contract;
import io.weft.shim.contract.ContractInterface;
import io.weft.shim.contract.Default;
import io.weft.shim.contract.Info;
import io.weft.shim.contract.JsonCodec;
import io.weft.shim.contract.License;
import io.weft.shim.contract.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * fabric-samples' asset-transfer-basic on Weft's shim: the same function names, arguments and asset JSON, so the
 * official client samples work against it. {@code TransferAsset} returns the previous owner (as the Go chaincode the
 * client samples print) and emits a {@code TransferAsset} event carrying the transferred asset.
 */
@Contract(
        name = "basic",
        info =
                @Info(
                        title = "Asset Transfer",
                        description = "Create, read, update, transfer and delete assets",
                        version = "1.0",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0"),
                        contact = @Contact(name = "Weft")))
@Default
public final class AssetTransfer implements ContractInterface {
    /** The payload of a failed transaction, as in the fabric-samples Java chaincode. */
    enum AssetTransferErrors {
        ASSET_NOT_FOUND,
        ASSET_ALREADY_EXISTS
    }

    private final JsonCodec json = new JsonCodec();

    /** Creates six assets. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void InitLedger(Context ctx) {
        CreateAsset(ctx, "asset1", "blue", 5, "Tomoko", 300);
        CreateAsset(ctx, "asset2", "red", 5, "Brad", 400);
        CreateAsset(ctx, "asset3", "green", 10, "Jin Soo", 500);
        CreateAsset(ctx, "asset4", "yellow", 10, "Max", 600);
        CreateAsset(ctx, "asset5", "black", 15, "Adriana", 700);
        CreateAsset(ctx, "asset6", "white", 15, "Michel", 800);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public Asset CreateAsset(Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
        if (AssetExists(ctx, assetID)) {
            throw new ChaincodeException(
                    "Asset " + assetID + " already exists", AssetTransferErrors.ASSET_ALREADY_EXISTS.name());
        }
        Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
        put(ctx.getStub(), asset);
        return asset;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public Asset ReadAsset(Context ctx, String assetID) {
        String stored = ctx.getStub().getStringState(assetID);
        if (stored.isEmpty()) {
            throw new ChaincodeException(
                    "Asset " + assetID + " does not exist", AssetTransferErrors.ASSET_NOT_FOUND.name());
        }
        return json.fromJson(stored, Asset.class);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public Asset UpdateAsset(Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
        ReadAsset(ctx, assetID);
        Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
        put(ctx.getStub(), asset);
        return asset;
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void DeleteAsset(Context ctx, String assetID) {
        ReadAsset(ctx, assetID);
        ctx.getStub().delState(assetID);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public boolean AssetExists(Context ctx, String assetID) {
        return !ctx.getStub().getStringState(assetID).isEmpty();
    }

    /** Changes the owner; returns the previous owner and emits a {@code TransferAsset} event. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String TransferAsset(Context ctx, String assetID, String newOwner) {
        Asset asset = ReadAsset(ctx, assetID);
        Asset transferred = asset.withOwner(newOwner);
        String transferredJson = put(ctx.getStub(), transferred);
        ctx.getStub().setEvent("TransferAsset", transferredJson.getBytes(UTF_8));
        return asset.owner();
    }

    /** Every asset, by a range query over all simple keys. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public List<Asset> GetAllAssets(Context ctx) {
        List<Asset> assets = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange("", "")) {
            for (KeyValue result : results) {
                assets.add(json.fromJson(result.getStringValue(), Asset.class));
            }
        }
        return assets;
    }

    /** The asset's committed modifications, newest first. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public List<AssetHistoryEntry> GetAssetHistory(Context ctx, String assetID) {
        List<AssetHistoryEntry> history = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = ctx.getStub().getHistoryForKey(assetID)) {
            for (KeyModification modification : results) {
                Asset record =
                        modification.isDeleted() ? null : json.fromJson(modification.getStringValue(), Asset.class);
                String timestamp = modification.getTimestamp() == null
                        ? null
                        : modification.getTimestamp().toString();
                history.add(new AssetHistoryEntry(modification.getTxId(), timestamp, modification.isDeleted(), record));
            }
        }
        return history;
    }

    private String put(ChaincodeStub stub, Asset asset) {
        String serialized = json.toJson(asset);
        stub.putStringState(asset.assetId(), serialized);
        return serialized;
    }
}
