package io.weft.msp;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.MSPPrincipal;

/** Turns {@code SerializedIdentity} bytes into validated identities and matches them against principals. */
public interface IdentityDeserializer {
    /**
     * Parses and validates an identity.
     *
     * @throws MspException naming the MSP and why the identity is not acceptable
     */
    Identity deserializeIdentity(ByteString serializedIdentity);

    /**
     * Checks that the identity satisfies the principal.
     *
     * @throws MspException saying why it does not
     */
    void satisfiesPrincipal(Identity identity, MSPPrincipal principal);
}
