package io.weft.peer.chaincode;

/** An installed package as the store lists it: {@code packageId = label + ":" + hash}. */
public record InstalledChaincode(String packageId, String label) {}
