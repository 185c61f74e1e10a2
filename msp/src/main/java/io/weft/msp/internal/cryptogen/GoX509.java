package io.weft.msp.internal.cryptogen;

import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import io.weft.msp.Pem;
import io.weft.msp.Subject;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Certificates, names and keys encoded as Go's {@code crypto/x509} encodes what Fabric's cryptogen asks of it, so that
 * Weft's material is indistinguishable from Fabric's:
 *
 * <ul>
 *   <li>names in {@code pkix.Name} order (C, ST, L, street, postal code, O, OU, CN), all OUs in one multi-valued RDN,
 *       each value a PrintableString when Go's rule allows and a UTF8String otherwise;
 *   <li>extensions in Go's order: key usage (critical), extended key usage, basic constraints (critical), subject key
 *       identifier (CAs only: cryptogen sets it to SHA-256 of the public point and Go adds none to leaves), authority
 *       key identifier (the issuer's SKI, omitted on self-signed certificates), subject alternative names (DNS names
 *       first, then IP addresses);
 *   <li>a random serial below 2^128, low-S ECDSA with SHA-256 signatures;
 *   <li>private keys as PKCS#8 around an ECPrivateKey that carries the public key and no curve parameters.
 * </ul>
 */
public final class GoX509 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GoX509() {}

    /**
     * Creates a certificate for {@code request}; self-signed when {@code parent} is null (then {@code signerKey} must
     * belong to {@code request.publicKey()}).
     */
    public static X509Certificate create(
            CryptoProvider crypto, CertificateRequest request, X509Certificate parent, PrivateKey signerKey) {
        X500Name subject = name(request.subject());
        X500Name issuer = parent == null
                ? subject
                : X500Name.getInstance(parent.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                issuer,
                new BigInteger(128, RANDOM),
                Date.from(request.notBefore()),
                Date.from(request.notAfter()),
                subject,
                SubjectPublicKeyInfo.getInstance(request.publicKey().getEncoded()));
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(request.keyUsage()));
            if (!request.extendedKeyUsages().isEmpty()) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(request.extendedKeyUsages().toArray(new KeyPurposeId[0])));
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(request.ca()));
            if (request.ca()) {
                builder.addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        new SubjectKeyIdentifier(CertificateAuthority.subjectKeyIdentifier(request.publicKey())));
            }
            boolean selfIssued =
                    Arrays.equals(issuer.getEncoded(ASN1Encoding.DER), subject.getEncoded(ASN1Encoding.DER));
            byte[] authorityKeyId = parent == null || selfIssued ? null : subjectKeyId(parent);
            if (authorityKeyId != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
            }
            if (!request.alternativeNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(request));
            }
            X509CertificateHolder holder = builder.build(CertificateAuthority.lowSSigner(crypto, signerKey));
            return Pem.parseCertificate(holder.getEncoded());
        } catch (IOException e) {
            throw new MspException(
                    "cannot build certificate for " + request.subject().commonName() + ": " + e.getMessage(), e);
        }
    }

    /** Go's {@code pkix.Name.ToRDNSequence} for the subject. */
    static X500Name name(Subject subject) {
        List<RDN> rdns = new ArrayList<>();
        add(rdns, BCStyle.C, List.of(subject.country()));
        add(rdns, BCStyle.ST, List.of(subject.province()));
        add(rdns, BCStyle.L, List.of(subject.locality()));
        add(rdns, BCStyle.STREET, List.of(subject.streetAddress()));
        add(rdns, BCStyle.POSTAL_CODE, List.of(subject.postalCode()));
        add(rdns, BCStyle.O, List.of(subject.organization()));
        add(rdns, BCStyle.OU, subject.organizationalUnits());
        add(rdns, BCStyle.CN, List.of(subject.commonName()));
        return new X500Name(rdns.toArray(new RDN[0]));
    }

    /** Go's {@code x509.MarshalPKCS8PrivateKey} of a P-256 key, as PEM "PRIVATE KEY". */
    static String privateKeyPem(KeyPair keyPair) {
        try {
            PrivateKeyInfo encoded =
                    PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
            BigInteger scalar =
                    ECPrivateKey.getInstance(encoded.parsePrivateKey()).getKey();
            byte[] point = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded())
                    .getPublicKeyData()
                    .getBytes();
            PrivateKeyInfo goForm = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
                    new ECPrivateKey(256, scalar, new DERBitString(point), null));
            return Pem.encode("PRIVATE KEY", goForm.getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            throw new MspException("cannot encode a P-256 private key as PKCS#8: " + e.getMessage(), e);
        }
    }

    static String certificatePem(X509Certificate certificate) {
        return Pem.encodeCertificate(certificate);
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new MspException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        try {
            SubjectKeyIdentifier ski =
                    SubjectKeyIdentifier.fromExtensions(new X509CertificateHolder(der(certificate)).getExtensions());
            return ski == null ? null : ski.getKeyIdentifier();
        } catch (IOException e) {
            throw new MspException("cannot read the issuer's subject key identifier: " + e.getMessage(), e);
        }
    }

    private static void add(List<RDN> rdns, ASN1ObjectIdentifier type, List<String> values) {
        List<AttributeTypeAndValue> set = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                set.add(new AttributeTypeAndValue(type, stringValue(value)));
            }
        }
        if (set.size() == 1) {
            rdns.add(new RDN(set.get(0)));
        } else if (!set.isEmpty()) {
            rdns.add(new RDN(set.toArray(new AttributeTypeAndValue[0])));
        }
    }

    /** Go marshals a string as PrintableString when every byte passes its {@code isPrintable}, else UTF8String. */
    private static ASN1Encodable stringValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isGoPrintable(value.charAt(i))) {
                return new DERUTF8String(value);
            }
        }
        return new DERPrintableString(value);
    }

    private static boolean isGoPrintable(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || (c >= '\'' && c <= ')')
                || (c >= '+' && c <= '/')
                || c == ' '
                || c == ':'
                || c == '='
                || c == '?';
    }

    /** Go's {@code x509.CreateCertificate} writes every DNS name before every IP address. */
    private static GeneralNames alternativeNames(CertificateRequest request) {
        List<GeneralName> dns = new ArrayList<>();
        List<GeneralName> ips = new ArrayList<>();
        for (String name : request.alternativeNames()) {
            if (isIpAddress(name)) {
                ips.add(new GeneralName(GeneralName.iPAddress, name));
            } else {
                dns.add(new GeneralName(GeneralName.dNSName, name));
            }
        }
        dns.addAll(ips);
        return new GeneralNames(dns.toArray(new GeneralName[0]));
    }

    /** Go's {@code net.ParseIP}: dotted decimal IPv4 without leading zeros, or IPv6 without a zone. */
    static boolean isIpAddress(String name) {
        if (name.indexOf(':') >= 0) {
            return name.indexOf('%') < 0 && IPAddress.isValidIPv6(name);
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
