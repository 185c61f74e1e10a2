package io.weft.peer.chaincode;

import io.weft.shim.Chaincode;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.ResponseUtils;
import io.weft.shim.Shim;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A chaincode on Weft's shim for the TLS tests: {@code put key value} writes and answers {@code stored key}. Its
 * {@link #main} reads Fabric's environment, as a launched chaincode does.
 */
public final class TlsTestChaincode implements Chaincode {
    public static void main(String[] args) {
        Shim.start(new TlsTestChaincode(), args);
    }

    @Override
    public Response init(ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        List<String> params = stub.getParameters();
        stub.putState(params.get(0), params.get(1).getBytes(StandardCharsets.UTF_8));
        return ResponseUtils.newSuccessResponse(("stored " + params.get(0)).getBytes(StandardCharsets.UTF_8));
    }
}
