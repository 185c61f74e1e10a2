package io.weft.shim.internal;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** What routes a message to its transaction on the stream: (channel ID, transaction ID). */
record TxKey(String channelId, String txId) {
    static TxKey of(ChaincodeMessage message) {
        return new TxKey(message.getChannelId(), message.getTxid());
    }

    @Override
    public String toString() {
        return "[channel '" + channelId + "', tx " + txId + "]";
    }
}
