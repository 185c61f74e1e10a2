package io.weft.msp.internal;

import io.weft.msp.EcdsaSignatures;
import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Certificate;

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

    /** The certificate's DER with an ECDSA signature re-encoded in low-S form; other certificates unchanged. */
    static byte[] lowSDer(X509Certificate certificate, X509Certificate issuer) {
        byte[] der = der(certificate);
        if (!certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT).contains("ECDSA")
                || !(issuer.getPublicKey() instanceof ECKey issuerKey)) {
            return der;
        }
        Certificate parsed = Certificate.getInstance(der);
        byte[] signature = parsed.getSignature().getOctets();
        BigInteger order = issuerKey.getParams().getOrder();
        byte[] lowS;
        try {
            lowS = EcdsaSignatures.toLowS(signature, order);
        } catch (MspException e) {
            return der;
        }
        if (lowS == signature) {
            return der;
        }
        try {
            return new DERSequence(new ASN1Encodable[] {
                        parsed.getTBSCertificate(), parsed.getSignatureAlgorithm(), new DERBitString(lowS)
                    })
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new MspException("cannot re-encode certificate " + certificate.getSubjectX500Principal(), e);
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
        // Go puts several OUs in one multi-valued RDN; every value of the type counts, in order
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().equals(type)) {
                    values.add(IETFUtils.valueToString(value.getValue()));
                }
            }
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

    /**
     * SHA-256 over the concatenated DER of the certificates, each in its low-S form, as Fabric computes certifiers
     * identifiers (Go's ECDSA does not normalise S, so about half of Go-issued CA certificates carry a high S).
     */
    static byte[] chainIdentifier(List<X509Certificate> chain) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate issuer = chain.get(Math.min(i + 1, chain.size() - 1));
                digest.update(lowSDer(chain.get(i), issuer));
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new MspException("SHA-256 unavailable", e);
        }
    }
}
