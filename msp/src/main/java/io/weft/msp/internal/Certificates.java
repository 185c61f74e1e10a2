package io.weft.msp.internal;

import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Small facts about X.509 certificates that MSP validation needs. */
final class Certificates {
    private Certificates() {}

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new MspException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    static List<String> organizationalUnits(X509Certificate certificate) {
        return attributes(certificate, BCStyle.OU);
    }

    static String commonName(X509Certificate certificate) {
        List<String> names = attributes(certificate, BCStyle.CN);
        return names.isEmpty() ? certificate.getSubjectX500Principal().getName() : names.get(0);
    }

    private static List<String> attributes(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name name =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return values;
    }

    static String describe(String mspId, X509Certificate certificate, Optional<NodeRole> role) {
        return mspId + "/" + commonName(certificate)
                + role.map(r -> " (" + r.policyName() + ")").orElse("");
    }

    /** True when {@code issuer}'s key verifies {@code certificate}'s signature. */
    static boolean isSignedBy(X509Certificate certificate, PublicKey issuerKey, Provider provider) {
        try {
            certificate.verify(issuerKey, provider);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            try {
                certificate.verify(issuerKey);
                return true;
            } catch (GeneralSecurityException | RuntimeException fallback) {
                return false;
            }
        }
    }

    /** SHA-256 over the concatenated DER of the certificates. */
    static byte[] chainIdentifier(List<X509Certificate> chain) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : chain) {
                digest.update(der(certificate));
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new MspException("SHA-256 unavailable", e);
        }
    }
}
