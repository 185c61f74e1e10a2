package io.weft.msp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.msp.CertificateAuthority;
import io.weft.msp.CryptoProvider;
import io.weft.msp.EcdsaSignatures;
import io.weft.msp.Pem;
import io.weft.msp.Subject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class CertificatesTest {
    @Test
    void certifiersIdentifierIgnoresTheSOfTheCertificateSignature() throws Exception {
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                CryptoProvider.detect(),
                Subject.of("org1.example.com", "ca.org1.example.com"),
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(10)));
        X509Certificate low = ca.certificate();
        X509Certificate high = highSTwin(low);
        assertThat(high.getEncoded()).isNotEqualTo(low.getEncoded());
        high.verify(low.getPublicKey()); // still a valid certificate
        assertThat(Certificates.chainIdentifier(List.of(high))).isEqualTo(Certificates.chainIdentifier(List.of(low)));
    }

    private static X509Certificate highSTwin(X509Certificate certificate) throws Exception {
        Certificate parsed = Certificate.getInstance(certificate.getEncoded());
        EcdsaSignatures.RS rs = EcdsaSignatures.decode(parsed.getSignature().getOctets());
        byte[] highS = EcdsaSignatures.encode(rs.r(), EcdsaSignatures.P256_ORDER.subtract(rs.s()));
        byte[] der = new DERSequence(new ASN1Encodable[] {
                    parsed.getTBSCertificate(), parsed.getSignatureAlgorithm(), new DERBitString(highS)
                })
                .getEncoded(ASN1Encoding.DER);
        return Pem.parseCertificate(der);
    }
}
