package io.weft.msp.internal.cryptogen;

import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoConfig.NodeSpec;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Subject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * One of an org's two CAs (signing {@code ca/} or TLS {@code tlsca/}) as cryptogen makes them: a self-signed P-256 CA
 * whose subject is C/ST/L (defaults US, California, San Francisco), optional street, postal code and OU from the
 * org's {@code CA} spec, O = the org's domain and CN = its name; and the certificates it issues, whose subjects have
 * the same C/ST/L/street/postal code/OU, no O, then the extra OUs and the CN.
 */
final class OrgCa {
    static final String KEY_FILE = "priv_sk";
    static final String DEFAULT_COUNTRY = "US";
    static final String DEFAULT_PROVINCE = "California";
    static final String DEFAULT_LOCALITY = "San Francisco";

    private final CryptoProvider crypto;
    private final Clock clock;
    private final CertificateAuthority authority;
    private final String name;
    private final NodeSpec settings;

    private OrgCa(CryptoProvider crypto, Clock clock, CertificateAuthority authority, String name, NodeSpec settings) {
        this.crypto = crypto;
        this.clock = clock;
        this.authority = authority;
        this.name = name;
        this.settings = settings;
    }

    /**
     * Creates the CA in {@code dir}: {@code priv_sk} and {@code <name>-cert.pem}, replacing both if they exist (as
     * Fabric's cryptogen does).
     */
    static OrgCa create(CryptoProvider crypto, Clock clock, Path dir, String organization, String name, NodeSpec spec) {
        MaterialFiles.createDirectories(dir);
        KeyPair keyPair = CertificateAuthority.generateKeyPair(crypto);
        MaterialFiles.writeKey(dir.resolve(KEY_FILE), GoX509.privateKeyPem(keyPair));
        Subject subject = subject(spec, organization, List.of(), name);
        Validity validity = Validity.at(clock.instant());
        CertificateRequest request = new CertificateRequest(
                subject,
                keyPair.getPublic(),
                validity.notBefore(),
                validity.notAfter(),
                true,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign,
                List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth),
                List.of());
        X509Certificate certificate = GoX509.create(crypto, request, null, keyPair.getPrivate());
        MaterialFiles.write(dir.resolve(certFileName(name)), GoX509.certificatePem(certificate));
        return new OrgCa(
                crypto, clock, CertificateAuthority.of(crypto, certificate, keyPair.getPrivate(), subject), name, spec);
    }

    /** The CA's common name, which also names its certificate file. */
    String name() {
        return name;
    }

    /** {@code <name>-cert.pem}. */
    String certFileName() {
        return certFileName(name);
    }

    static String certFileName(String name) {
        return name + "-cert.pem";
    }

    X509Certificate certificate() {
        return authority.certificate();
    }

    String certificatePem() {
        return GoX509.certificatePem(authority.certificate());
    }

    /** A signing (enrollment) certificate: key usage digital signature only, no extended key usage. */
    X509Certificate issueSigning(PublicKey key, String commonName, List<String> nodeOus) {
        return issue(key, commonName, nodeOus, List.of(), KeyUsage.digitalSignature, List.of());
    }

    /** A TLS certificate: digital signature and key encipherment, server then client authentication. */
    X509Certificate issueTls(PublicKey key, String commonName, List<String> alternativeNames) {
        return issue(
                key,
                commonName,
                List.of(),
                alternativeNames,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));
    }

    private X509Certificate issue(
            PublicKey key,
            String commonName,
            List<String> nodeOus,
            List<String> alternativeNames,
            int keyUsage,
            List<KeyPurposeId> extendedKeyUsages) {
        Validity validity = Validity.at(clock.instant());
        CertificateRequest request = new CertificateRequest(
                subject(settings, "", nodeOus, commonName),
                key,
                validity.notBefore(),
                validity.notAfter(),
                false,
                keyUsage,
                extendedKeyUsages,
                alternativeNames);
        return GoX509.create(crypto, request, authority.certificate(), authority.privateKey());
    }

    private static Subject subject(NodeSpec spec, String organization, List<String> extraOus, String commonName) {
        List<String> units = new ArrayList<>();
        if (!spec.organizationalUnit().isEmpty()) {
            units.add(spec.organizationalUnit());
        }
        units.addAll(extraOus);
        return new Subject(
                orDefault(spec.country(), DEFAULT_COUNTRY),
                orDefault(spec.province(), DEFAULT_PROVINCE),
                orDefault(spec.locality(), DEFAULT_LOCALITY),
                spec.streetAddress(),
                spec.postalCode(),
                organization,
                units,
                commonName);
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
