package io.weft.msp;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An X.509 identity that its MSP has validated: the certificate chains to one of the MSP's CAs, is not revoked, is not
 * a CA, and carries the organizational units the MSP requires. Instances are immutable and safe to share.
 */
public interface Identity {
    /** The MSP that vouches for this identity. */
    String mspId();

    /** The {@code SerializedIdentity} bytes exactly as received or produced; hash and compare these. */
    ByteString serialized();

    X509Certificate certificate();

    /** Every OU of the certificate subject, in order. */
    List<String> organizationalUnits();

    /** The NodeOU role, when the MSP has NodeOUs enabled. */
    Optional<NodeRole> nodeRole();

    /** True when the identity is listed in the MSP's admin certificates or carries the admin OU. */
    boolean isAdmin();

    /**
     * Verifies a DER ECDSA signature over SHA-256(message) made with this identity's key.
     *
     * @throws MspException when the signature is malformed, not low-S, or does not match
     */
    void verify(byte[] message, byte[] signature);

    /**
     * Checks the certificate's validity period. MSP validation itself does not expire identities (as on Fabric, so that
     * replaying old blocks gives the same answer); the endorser, gateway and orderer check the time where Fabric does.
     *
     * @throws MspException saying when the certificate expired or becomes valid
     */
    void checkValidAt(Instant time);

    /** A short human description: MSP, common name and role, for error messages. */
    String describe();
}
