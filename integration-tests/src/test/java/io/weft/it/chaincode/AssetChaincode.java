package io.weft.it.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * A chaincode written on the official {@code fabric-chaincode-shim} 2.5 (ChaincodeBase), run by the chaincode ITs as a
 * child JVM and in a Docker container. Functions: put k v (and an event), get k, del k, range start end, history k,
 * putMany prefix n, count start end, fail, call chaincode
 * function args...
 */
public final class AssetChaincode extends ChaincodeBase {
    @Override
    public Response init(ChaincodeStub stub) {
        return newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        List<String> params = stub.getParameters();
        try {
            switch (stub.getFunction()) {
                case "put":
                    stub.putStringState(params.get(0), params.get(1));
                    stub.setEvent("put", params.get(1).getBytes(StandardCharsets.UTF_8));
                    return newSuccessResponse("ok", utf8(params.get(0)));
                case "putMany":
                    for (int i = 0; i < Integer.parseInt(params.get(1)); i++) {
                        stub.putStringState(String.format("%s%04d", params.get(0), i), "v" + i);
                    }
                    return newSuccessResponse();
                case "count":
                    return newSuccessResponse(utf8(Integer.toString(
                            range(stub, params.get(0), params.get(1)).split(",").length)));
                case "get":
                    return newSuccessResponse(utf8(stub.getStringState(params.get(0))));
                case "del":
                    stub.delState(params.get(0));
                    return newSuccessResponse();
                case "range":
                    return newSuccessResponse(utf8(range(stub, params.get(0), params.get(1))));
                case "history":
                    return newSuccessResponse(utf8(history(stub, params.get(0))));
                case "call":
                    Response called = stub.invokeChaincode(
                            params.get(0),
                            params.subList(1, params.size()).stream()
                                    .map(AssetChaincode::utf8)
                                    .toList());
                    return newSuccessResponse(
                            called.getStatus() + ":" + called.getStringPayload(), called.getPayload());
                case "fail":
                    return newErrorResponse("asked to fail");
                default:
                    return newErrorResponse("unknown function " + stub.getFunction());
            }
        } catch (Exception e) {
            return newErrorResponse(e);
        }
    }

    private static String range(ChaincodeStub stub, String start, String end) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByRange(start, end)) {
            for (KeyValue kv : it) {
                keys.add(kv.getKey() + "=" + kv.getStringValue());
            }
        }
        return String.join(",", keys);
    }

    private static String history(ChaincodeStub stub, String key) throws Exception {
        List<String> values = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(key)) {
            for (KeyModification m : it) {
                values.add(m.isDeleted() ? "<deleted>" : m.getStringValue());
            }
        }
        return String.join(",", values);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        new AssetChaincode().start(args);
    }
}
