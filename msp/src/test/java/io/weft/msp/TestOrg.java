package io.weft.msp;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A test organization: a root CA, NodeOUs on, and helpers to issue identities of every role. */
final class TestOrg {
    static final CryptoProvider CRYPTO = CryptoProvider.detect();
    static final Instant NOW = Instant.now();

    final String mspId;
    final CertificateAuthority ca;
    final List<X509Certificate> admins = new ArrayList<>();
    final List<java.security.cert.X509CRL> crls = new ArrayList<>();
    boolean nodeOus = true;

    TestOrg(String mspId) {
        this.mspId = mspId;
        this.ca = CertificateAuthority.selfSigned(
                CRYPTO,
                Subject.of(mspId.toLowerCase(java.util.Locale.ROOT) + ".example.com", "ca." + mspId),
                NOW.minus(Duration.ofDays(365)),
                NOW.plus(Duration.ofDays(3650)));
    }

    /** A key pair and a certificate with the given OUs, valid from yesterday for a year. */
    Issued issue(String commonName, String... units) {
        return issue(ca, commonName, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(365)), units);
    }

    static Issued issue(
            CertificateAuthority issuer, String commonName, Instant notBefore, Instant notAfter, String... units) {
        KeyPair keyPair = CertificateAuthority.generateKeyPair(CRYPTO);
        X509Certificate certificate = issuer.issue(new CertificateRequest(
                issuer.subject().withCommonName(commonName).withOrganizationalUnits(List.of(units)),
                keyPair.getPublic(),
                notBefore,
                notAfter,
                false,
                KeyUsage.digitalSignature,
                List.of(),
                List.of()));
        return new Issued(certificate, keyPair);
    }

    FabricMSPConfig config() {
        FabricMSPConfig.Builder builder =
                FabricMSPConfig.newBuilder().setName(mspId).addRootCerts(pem(ca.certificate()));
        for (X509Certificate admin : admins) {
            builder.addAdmins(pem(admin));
        }
        for (java.security.cert.X509CRL crl : crls) {
            try {
                builder.addRevocationList(ByteString.copyFromUtf8(Pem.encode("X509 CRL", crl.getEncoded())));
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (nodeOus) {
            builder.setFabricNodeOus(FabricNodeOUs.newBuilder()
                    .setEnable(true)
                    .setClientOuIdentifier(ou("client"))
                    .setPeerOuIdentifier(ou("peer"))
                    .setAdminOuIdentifier(ou("admin"))
                    .setOrdererOuIdentifier(ou("orderer")));
        }
        return builder.build();
    }

    private FabricOUIdentifier ou(String unit) {
        return FabricOUIdentifier.newBuilder()
                .setCertificate(pem(ca.certificate()))
                .setOrganizationalUnitIdentifier(unit)
                .build();
    }

    Msp msp() {
        return Msp.fromConfig(config(), CRYPTO);
    }

    static ByteString pem(X509Certificate certificate) {
        return ByteString.copyFrom(Pem.encodeCertificate(certificate), StandardCharsets.UTF_8);
    }

    ByteString serialize(X509Certificate certificate) {
        return serialize(mspId, certificate);
    }

    static ByteString serialize(String mspId, X509Certificate certificate) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(pem(certificate))
                .build()
                .toByteString();
    }

    /** A certificate and its key. */
    record Issued(X509Certificate certificate, KeyPair keyPair) {
        byte[] sign(byte[] message) {
            return CRYPTO.sign(keyPair.getPrivate(), message);
        }
    }
}
