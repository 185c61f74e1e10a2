package io.weft.msp;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What a {@link CertificateAuthority} is asked to certify.
 *
 * @param keyUsage bits of {@link org.bouncycastle.asn1.x509.KeyUsage}
 * @param alternativeNames DNS names or IP addresses for the subject alternative name extension
 */
public record CertificateRequest(
        Subject subject,
        PublicKey publicKey,
        Instant notBefore,
        Instant notAfter,
        boolean ca,
        int keyUsage,
        List<KeyPurposeId> extendedKeyUsages,
        List<String> alternativeNames) {

    public CertificateRequest {
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
        alternativeNames = List.copyOf(alternativeNames);
    }
}
