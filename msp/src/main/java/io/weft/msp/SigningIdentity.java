package io.weft.msp;

import io.weft.msp.internal.X509SigningIdentity;
import java.security.PrivateKey;

/** An identity with its private key: what a node or a client signs with. */
public interface SigningIdentity extends Identity {
    /** Signs SHA-256(message); the result is a low-S DER ECDSA signature. */
    byte[] sign(byte[] message);

    /**
     * Pairs a validated identity with its private key.
     *
     * @throws MspException when the key does not belong to the identity's certificate
     */
    static SigningIdentity of(Identity identity, PrivateKey privateKey, CryptoProvider crypto) {
        return X509SigningIdentity.of(identity, privateKey, crypto);
    }
}
