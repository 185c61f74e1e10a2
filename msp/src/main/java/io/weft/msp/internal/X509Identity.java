package io.weft.msp.internal;

import com.google.protobuf.ByteString;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A validated X.509 identity; holds the provider-native public key so verification never re-imports it. */
public class X509Identity implements Identity {
    private final String mspId;
    private final ByteString serialized;
    private final X509Certificate certificate;
    private final PublicKey publicKey;
    private final CryptoProvider crypto;
    private final List<String> organizationalUnits;
    private final Optional<NodeRole> nodeRole;
    private final boolean admin;
    private final byte[] certifiersIdentifier;
    private volatile String description; // parsing the subject is costly; identities are cached and long-lived

    X509Identity(
            String mspId,
            ByteString serialized,
            X509Certificate certificate,
            CryptoProvider crypto,
            List<String> organizationalUnits,
            Optional<NodeRole> nodeRole,
            boolean admin,
            byte[] certifiersIdentifier) {
        this.mspId = mspId;
        this.serialized = serialized;
        this.certificate = certificate;
        this.publicKey = crypto.publicKey(certificate.getPublicKey());
        this.crypto = crypto;
        this.organizationalUnits = List.copyOf(organizationalUnits);
        this.nodeRole = nodeRole;
        this.admin = admin;
        this.certifiersIdentifier = certifiersIdentifier.clone();
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public ByteString serialized() {
        return serialized;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public List<String> organizationalUnits() {
        return organizationalUnits;
    }

    @Override
    public Optional<NodeRole> nodeRole() {
        return nodeRole;
    }

    @Override
    public boolean isAdmin() {
        return admin;
    }

    /** SHA-256 over the DER of the CA chain that certified this identity (issuer first, root last). */
    byte[] certifiersIdentifier() {
        return certifiersIdentifier.clone();
    }

    @Override
    public void verify(byte[] message, byte[] signature) {
        crypto.verify(publicKey, message, signature);
    }

    /** The certificate's public key as imported into the crypto provider. */
    PublicKey providerPublicKey() {
        return publicKey;
    }

    @Override
    public void checkValidAt(Instant time) {
        if (time.isAfter(certificate.getNotAfter().toInstant())) {
            throw new MspException("certificate of " + describe() + " expired at "
                    + certificate.getNotAfter().toInstant());
        }
        if (time.isBefore(certificate.getNotBefore().toInstant())) {
            throw new MspException("certificate of " + describe() + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    @Override
    public String describe() {
        String text = description;
        if (text == null) {
            text = Certificates.describe(mspId, certificate, nodeRole);
            description = text;
        }
        return text;
    }

    @Override
    public String toString() {
        return describe();
    }
}
