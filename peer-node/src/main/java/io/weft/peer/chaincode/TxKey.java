package io.weft.peer.chaincode;

/** How messages of one transaction are matched on a chaincode stream: (channel_id, txid), as the Java shim does. */
record TxKey(String channelId, String txId) {
    @Override
    public String toString() {
        return (channelId.isEmpty() ? "<no channel>" : channelId) + "/" + txId;
    }
}
