package io.weft.samples.assettransfer;

import io.weft.shim.Shim;
import io.weft.shim.contract.ContractRouter;

/** The chaincode process: reads Fabric's environment and serves {@link AssetTransfer} until the peer disconnects. */
public final class AssetTransferMain {
    private AssetTransferMain() {}

    public static void main(String[] args) {
        Shim.start(new ContractRouter(new AssetTransfer()), args);
    }
}
