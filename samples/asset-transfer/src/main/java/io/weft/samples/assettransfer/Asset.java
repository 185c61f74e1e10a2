package io.weft.samples.assettransfer;

import io.weft.shim.contract.DataType;
import io.weft.shim.contract.Property;

/** An asset as fabric-samples' asset-transfer-basic stores it: {@code {"AppraisedValue","Color","ID","Owner","Size"}}. */
@DataType
public record Asset(
        @Property(name = "ID") String assetId,
        @Property(name = "Color") String color,
        @Property(name = "Size") int size,
        @Property(name = "Owner") String owner,
        @Property(name = "AppraisedValue") int appraisedValue) {

    Asset withOwner(String newOwner) {
        return new Asset(assetId, color, size, newOwner, appraisedValue);
    }
}
