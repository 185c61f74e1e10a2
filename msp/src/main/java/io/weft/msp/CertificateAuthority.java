package io.weft.msp;

import io.weft.msp.internal.cryptogen.GoX509;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority with an ECDSA P-256 key that issues X.509 v3 certificates shaped as Fabric's cryptogen
 * shapes them: random 128-bit serials, SHA-256 subject key identifiers over the public point, authority key
 * identifiers, critical basic constraints and key usage, and low-S signatures.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CryptoProvider crypto;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Subject subject;

    private CertificateAuthority(CryptoProvider crypto, X509Certificate certificate, PrivateKey key, Subject subject) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.key = key;
        this.subject = subject;
    }

    /** A CA over an existing certificate and key. */
    public static CertificateAuthority of(
            CryptoProvider crypto, X509Certificate certificate, PrivateKey key, Subject subject) {
        return new CertificateAuthority(crypto, certificate, key, subject);
    }

    /** A new self-signed root CA. */
    public static CertificateAuthority selfSigned(
            CryptoProvider crypto, Subject subject, Instant notBefore, Instant notAfter) {
        KeyPair keyPair = generateKeyPair(crypto);
        CertificateRequest request = caRequest(subject, keyPair.getPublic(), notBefore, notAfter);
        X509Certificate certificate = build(crypto, request, null, keyPair.getPrivate());
        return new CertificateAuthority(crypto, certificate, keyPair.getPrivate(), subject);
    }

    /** A new P-256 key pair. */
    public static KeyPair generateKeyPair(CryptoProvider crypto) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", crypto.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new MspException("cannot generate an ECDSA P-256 key", e);
        }
    }

    /** Fabric's subject key identifier: SHA-256 over the uncompressed public point. */
    public static byte[] subjectKeyIdentifier(PublicKey publicKey) {
        byte[] point = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded())
                .getPublicKeyData()
                .getBytes();
        try {
            return MessageDigest.getInstance("SHA-256").digest(point);
        } catch (GeneralSecurityException e) {
            throw new MspException("SHA-256 unavailable", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return key;
    }

    public Subject subject() {
        return subject;
    }

    /** A new intermediate CA signed by this one. */
    public CertificateAuthority intermediate(Subject intermediateSubject, Instant notBefore, Instant notAfter) {
        KeyPair keyPair = generateKeyPair(crypto);
        X509Certificate issued = issue(caRequest(intermediateSubject, keyPair.getPublic(), notBefore, notAfter));
        return new CertificateAuthority(crypto, issued, keyPair.getPrivate(), intermediateSubject);
    }

    /** Issues a certificate signed by this CA. */
    public X509Certificate issue(CertificateRequest request) {
        return build(crypto, request, certificate, key);
    }

    /** A CRL signed by this CA revoking the given certificates. */
    public X509CRL revoke(List<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new AuthorityKeyIdentifier(subjectKeyIdentifier(certificate.getPublicKey())));
            X509CRLHolder holder = builder.build(lowSSigner(crypto, key));
            return Pem.parseCrl(holder.getEncoded());
        } catch (IOException e) {
            throw new MspException("cannot build CRL", e);
        }
    }

    private static CertificateRequest caRequest(
            Subject subject, PublicKey publicKey, Instant notBefore, Instant notAfter) {
        return new CertificateRequest(
                subject,
                publicKey,
                notBefore,
                notAfter,
                true,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign | KeyUsage.cRLSign,
                List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth),
                List.of());
    }

    private static X509Certificate build(
            CryptoProvider crypto, CertificateRequest request, X509Certificate issuer, PrivateKey issuerKey) {
        return GoX509.create(crypto, request, issuer, issuerKey);
    }

    /** A content signer whose ECDSA signatures are always low-S, as Fabric expects of certificates too. */
    public static ContentSigner lowSSigner(CryptoProvider crypto, PrivateKey key) {
        ContentSigner inner;
        try {
            inner = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(crypto.provider())
                    .build(key);
        } catch (OperatorCreationException e) {
            throw new MspException("cannot create a certificate signer", e);
        }
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return inner.getAlgorithmIdentifier();
            }

            @Override
            public OutputStream getOutputStream() {
                return inner.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return EcdsaSignatures.toLowS(inner.getSignature());
            }
        };
    }
}
