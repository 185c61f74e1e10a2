package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import io.weft.shim.Chaincode;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;

/** Builds the messages the shim sends; every transaction-scoped one echoes channel ID and transaction ID. */
public final class ChaincodeMessages {
    private ChaincodeMessages() {}

    /** REGISTER with {@code ChaincodeID{name}} and no channel or transaction ID. */
    public static ChaincodeMessage register(String chaincodeId) {
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(
                        ChaincodeID.newBuilder().setName(chaincodeId).build().toByteString())
                .build();
    }

    public static ChaincodeMessage keepalive() {
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.KEEPALIVE)
                .build();
    }

    public static ChaincodeMessage request(
            ChaincodeMessage.Type type, String channelId, String txId, ByteString payload) {
        return ChaincodeMessage.newBuilder()
                .setType(type)
                .setChannelId(channelId)
                .setTxid(txId)
                .setPayload(payload)
                .build();
    }

    /** COMPLETED carrying the serialized {@code Response} and the transaction's event, if any. */
    public static ChaincodeMessage completed(
            String channelId, String txId, Chaincode.Response response, ChaincodeEvent event) {
        Response.Builder proto = Response.newBuilder().setStatus(response.getStatusCode());
        if (response.getMessage() != null) {
            proto.setMessage(response.getMessage());
        }
        byte[] payload = response.getPayload();
        if (payload != null) {
            proto.setPayload(ByteString.copyFrom(payload));
        }
        ChaincodeMessage.Builder message = ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.COMPLETED)
                .setChannelId(channelId)
                .setTxid(txId)
                .setPayload(proto.build().toByteString());
        if (event != null) {
            message.setChaincodeEvent(event);
        }
        return message.build();
    }

    /** ERROR whose payload is the UTF-8 text of what went wrong. */
    public static ChaincodeMessage error(String channelId, String txId, String text) {
        return request(ChaincodeMessage.Type.ERROR, channelId, txId, ByteString.copyFromUtf8(text));
    }

    /** A short description for logs and error texts. */
    public static String describe(ChaincodeMessage message) {
        return message.getType() + " [channel '" + message.getChannelId() + "', tx " + shortTxId(message.getTxid())
                + "]";
    }

    static String shortTxId(String txId) {
        return txId.length() > 8 ? txId.substring(0, 8) : txId;
    }
}
