package io.weft.msp;

/** An identity with its private key: what a node or a client signs with. */
public interface SigningIdentity extends Identity {
    /** Signs SHA-256(message); the result is a low-S DER ECDSA signature. */
    byte[] sign(byte[] message);
}
