package io.weft.msp;

/** A node's or user's own MSP, read from its folder, with the identity it signs with. */
public record LocalMsp(Msp msp, SigningIdentity signingIdentity) {}
