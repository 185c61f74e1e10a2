package io.weft.samples.assettransfer;

import io.weft.shim.contract.DataType;

/**
 * One modification of an asset, as fabric-samples' ledger-queries sample reports it: {@code {"isDelete", "record",
 * "timestamp", "txId"}}; {@code record} is null for a deletion, {@code timestamp} is RFC 3339.
 */
@DataType
public record AssetHistoryEntry(String txId, String timestamp, boolean isDelete, Asset record) {}
