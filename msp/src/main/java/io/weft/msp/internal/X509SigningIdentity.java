package io.weft.msp.internal;

import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import io.weft.msp.MspException;
import io.weft.msp.SigningIdentity;
import java.security.PrivateKey;

/** An identity of a local MSP together with its private key. */
public final class X509SigningIdentity extends X509Identity implements SigningIdentity {
    private final PrivateKey privateKey;
    private final CryptoProvider crypto;

    X509SigningIdentity(X509Identity identity, PrivateKey privateKey, CryptoProvider crypto) {
        super(
                identity.mspId(),
                identity.serialized(),
                identity.certificate(),
                crypto,
                identity.organizationalUnits(),
                identity.nodeRole(),
                identity.isAdmin(),
                identity.certifiersIdentifier());
        this.privateKey = privateKey;
        this.crypto = crypto;
    }

    /**
     * Pairs a validated identity with its key, refusing a key that does not belong to the certificate.
     *
     * @throws MspException when the key does not match the certificate's public key
     */
    public static SigningIdentity of(Identity identity, PrivateKey privateKey, CryptoProvider crypto) {
        if (!(identity instanceof X509Identity x509)) {
            throw new MspException("not an X.509 identity: " + identity.describe());
        }
        SigningIdentity signer = new X509SigningIdentity(x509, privateKey, crypto);
        byte[] probe = "weft key check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            // a plain signature, verified for real: sign() would vouch for the very pair being checked here
            signer.verify(probe, crypto.sign(privateKey, probe));
        } catch (MspException e) {
            throw new MspException("private key does not match the certificate of " + identity.describe(), e);
        }
        return signer;
    }

    @Override
    public byte[] sign(byte[] message) {
        // the key pair was checked in of(): this process's own signatures need no ECDSA verification later
        return crypto.signRemembered(privateKey, providerPublicKey(), message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X509SigningIdentity that && serialized().equals(that.serialized());
    }

    @Override
    public int hashCode() {
        return serialized().hashCode();
    }
}
