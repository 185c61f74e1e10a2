package io.weft.msp.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import io.weft.msp.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** An X.509 MSP built from {@code FabricMSPConfig}, validating identities as Fabric's bccsp MSP (v1.4.3+) does. */
public final class X509Msp implements Msp {
    private static final int MAX_CHAIN_LENGTH = 10;

    private final FabricMSPConfig config;
    private final CryptoProvider crypto;
    private final String name;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final List<byte[]> adminCertificates;
    private final List<X509CRL> crls;
    private final List<X509Certificate> tlsRoots;
    private final List<X509Certificate> tlsIntermediates;
    private final NodeOus nodeOus;
    private final List<OuIdentifier> ouIdentifiers;
    private final PrincipalMatcher principals;

    private X509Msp(FabricMSPConfig config, CryptoProvider crypto) {
        this.config = config;
        this.crypto = crypto;
        this.name = config.getName();
        this.roots = parseAll(config.getRootCertsList(), "root certificate");
        this.intermediates = parseAll(config.getIntermediateCertsList(), "intermediate certificate");
        this.tlsRoots = parseAll(config.getTlsRootCertsList(), "TLS root certificate");
        this.tlsIntermediates = parseAll(config.getTlsIntermediateCertsList(), "TLS intermediate certificate");
        this.crls = new ArrayList<>();
        for (ByteString crl : config.getRevocationListList()) {
            for (Pem.Block block : decodeAll(crl, "revocation list")) {
                crls.add(Pem.parseCrl(block.der()));
            }
        }
        this.adminCertificates = new ArrayList<>();
        this.nodeOus = NodeOus.from(config, this);
        this.ouIdentifiers = OuIdentifier.fromConfig(config.getOrganizationalUnitIdentifiersList(), this);
        this.principals = new PrincipalMatcher(this);
    }

    /**
     * Builds and checks an MSP.
     *
     * @throws MspException naming the MSP and the part of its config that is wrong
     */
    public static X509Msp create(FabricMSPConfig config, CryptoProvider crypto) {
        if (config.getName().isEmpty()) {
            throw new MspException("MSP config has no name (MSP ID)");
        }
        if (config.getRootCertsCount() == 0) {
            throw new MspException("MSP " + config.getName() + " has no root CA certificate (cacerts)");
        }
        X509Msp msp;
        try {
            msp = new X509Msp(config, crypto);
        } catch (MspException e) {
            throw new MspException("MSP " + config.getName() + ": " + e.getMessage(), e);
        }
        msp.checkCas();
        msp.loadAdmins();
        return msp;
    }

    private void checkCas() {
        for (X509Certificate root : roots) {
            if (!Certificates.isCa(root)) {
                throw new MspException("MSP " + name + ": root certificate " + root.getSubjectX500Principal()
                        + " is not a CA certificate (BasicConstraints CA=true required)");
            }
        }
        for (X509Certificate intermediate : intermediates) {
            if (!Certificates.isCa(intermediate)) {
                throw new MspException("MSP " + name + ": intermediate certificate "
                        + intermediate.getSubjectX500Principal() + " is not a CA certificate");
            }
            chainOf(intermediate);
        }
    }

    private void loadAdmins() {
        for (ByteString admin : config.getAdminsList()) {
            for (Pem.Block block : decodeAll(admin, "admin certificate")) {
                X509Certificate certificate = Pem.parseCertificate(block.der());
                try {
                    validate(certificate);
                } catch (MspException e) {
                    throw new MspException(
                            "MSP " + name + ": admin certificate " + certificate.getSubjectX500Principal()
                                    + " is not valid: " + e.getMessage(),
                            e);
                }
                adminCertificates.add(block.der());
            }
        }
    }

    @Override
    public String mspId() {
        return name;
    }

    @Override
    public FabricMSPConfig config() {
        return config;
    }

    @Override
    public List<X509Certificate> rootCertificates() {
        return List.copyOf(roots);
    }

    @Override
    public List<X509Certificate> intermediateCertificates() {
        return List.copyOf(intermediates);
    }

    @Override
    public List<X509Certificate> tlsRootCertificates() {
        return List.copyOf(tlsRoots);
    }

    @Override
    public List<X509Certificate> tlsIntermediateCertificates() {
        return List.copyOf(tlsIntermediates);
    }

    @Override
    public Identity deserializeIdentity(ByteString serializedIdentity) {
        SerializedIdentity parsed;
        try {
            parsed = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("identity is not a SerializedIdentity: " + e.getMessage(), e);
        }
        if (!parsed.getMspid().equals(name)) {
            throw new MspException("identity belongs to MSP '" + parsed.getMspid() + "', expected '" + name + "'");
        }
        List<Pem.Block> blocks = Pem.decodeAll(parsed.getIdBytes().toByteArray());
        if (blocks.isEmpty() || !blocks.get(0).type().equals("CERTIFICATE")) {
            throw new MspException("identity of MSP " + name + " carries no PEM certificate");
        }
        X509Certificate certificate = Pem.parseCertificate(blocks.get(0).der());
        return identity(serializedIdentity, certificate);
    }

    @Override
    public Identity identityOf(X509Certificate certificate) {
        ByteString serialized = SerializedIdentity.newBuilder()
                .setMspid(name)
                .setIdBytes(ByteString.copyFrom(Pem.encodeCertificate(certificate), StandardCharsets.UTF_8))
                .build()
                .toByteString();
        return identity(serialized, certificate);
    }

    private X509Identity identity(ByteString serialized, X509Certificate certificate) {
        Validation validation = validate(certificate);
        return new X509Identity(
                name,
                serialized,
                certificate,
                crypto,
                Certificates.organizationalUnits(certificate),
                validation.role(),
                validation.admin(),
                validation.certifiersIdentifier().toByteArray());
    }

    @Override
    public void satisfiesPrincipal(Identity identity, org.hyperledger.fabric.protos.common.MSPPrincipal principal) {
        if (!(identity instanceof X509Identity x509) || !identity.mspId().equals(name)) {
            throw MspException.noStack("identity " + identity.describe() + " is not of MSP " + name);
        }
        try {
            principals.check(x509, principal);
        } catch (MspException e) {
            throw MspException.noStack(identity.describe() + " " + e.getMessage(), e);
        }
    }

    /** What validation found out about a certificate. */
    record Validation(Optional<NodeRole> role, boolean admin, ByteString certifiersIdentifier) {}

    /** Fabric's identity validation, independent of the current time. */
    Validation validate(X509Certificate certificate) {
        String who = "certificate '" + certificate.getSubjectX500Principal() + "'";
        if (Certificates.isCa(certificate)) {
            throw new MspException(who + " is a CA certificate (BasicConstraints CA=true) and cannot be an identity");
        }
        List<X509Certificate> chain = chainOf(certificate);
        checkRevocation(certificate, chain.get(1), who);
        byte[] certifiers = Certificates.chainIdentifier(chain.subList(1, chain.size()));
        List<String> units = Certificates.organizationalUnits(certificate);
        if (!ouIdentifiers.isEmpty() && ouIdentifiers.stream().noneMatch(ou -> ou.matches(units, certifiers))) {
            throw new MspException(who + " has none of the organizational units " + OuIdentifier.names(ouIdentifiers)
                    + " that MSP " + name + " requires (it has " + units + ")");
        }
        Optional<NodeRole> role = nodeOus.roleOf(units, certifiers, who);
        boolean admin = role.equals(Optional.of(NodeRole.ADMIN)) || isListedAdmin(certificate);
        return new Validation(role, admin, ByteString.copyFrom(certifiers));
    }

    private boolean isListedAdmin(X509Certificate certificate) {
        byte[] der = Certificates.der(certificate);
        return adminCertificates.stream().anyMatch(admin -> Arrays.equals(admin, der));
    }

    /**
     * The chain from the certificate to one of the MSP's roots, leaf first. As on Fabric, validity periods are judged
     * at the leaf's issue time (not-before plus one second), so that validation does not depend on the clock.
     */
    List<X509Certificate> chainOf(X509Certificate certificate) {
        Instant at = certificate.getNotBefore().toInstant().plusSeconds(1);
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = certificate;
        chain.add(current);
        while (chain.size() <= MAX_CHAIN_LENGTH) {
            checkValidity(current, at, certificate, chain.size() == 1);
            if (roots.stream().anyMatch(root -> Arrays.equals(Certificates.der(root), Certificates.der(chain.get(0))))
                    && chain.size() == 1) {
                return chain;
            }
            X509Certificate issuer = findIssuer(current, roots);
            if (issuer != null) {
                checkValidity(issuer, at, certificate, false);
                chain.add(issuer);
                return chain;
            }
            issuer = findIssuer(current, intermediates);
            if (issuer == null || chain.contains(issuer)) {
                throw new MspException("certificate '" + current.getSubjectX500Principal()
                        + "' was not issued by any CA of MSP " + name + " (its issuer is '"
                        + current.getIssuerX500Principal() + "')");
            }
            chain.add(issuer);
            current = issuer;
        }
        throw new MspException("certificate chain of '" + certificate.getSubjectX500Principal() + "' is longer than "
                + MAX_CHAIN_LENGTH);
    }

    private X509Certificate findIssuer(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && Certificates.isSignedBy(certificate, candidate.getPublicKey(), crypto.provider())) {
                return candidate;
            }
        }
        return null;
    }

    private static void checkValidity(X509Certificate certificate, Instant at, X509Certificate leaf, boolean isLeaf) {
        if (at.isAfter(certificate.getNotAfter().toInstant())
                || at.isBefore(certificate.getNotBefore().toInstant())) {
            String subject = "'" + certificate.getSubjectX500Principal() + "'";
            throw new MspException(
                    isLeaf
                            ? "certificate " + subject + " has an empty validity period"
                            : "CA certificate " + subject + " was not valid when '" + leaf.getSubjectX500Principal()
                                    + "' was issued");
        }
    }

    private void checkRevocation(X509Certificate certificate, X509Certificate issuer, String who) {
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
            if (entry != null && crlSignedBy(crl, issuer)) {
                throw new MspException(
                        who + " (serial " + certificate.getSerialNumber().toString(16) + ") is revoked by a CRL of '"
                                + crl.getIssuerX500Principal() + "'");
            }
        }
    }

    private boolean crlSignedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey(), crypto.provider());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            try {
                crl.verify(issuer.getPublicKey());
                return true;
            } catch (java.security.GeneralSecurityException | RuntimeException fallback) {
                return false;
            }
        }
    }

    /** The certifiers identifier of one of this MSP's CA certificates (itself and its chain up to a root). */
    byte[] certifiersIdentifierOfCa(byte[] pem, String what) {
        X509Certificate certificate = Pem.parseCertificatePem(pem);
        byte[] der = Certificates.der(certificate);
        boolean known = roots.stream().anyMatch(c -> Arrays.equals(Certificates.der(c), der))
                || intermediates.stream().anyMatch(c -> Arrays.equals(Certificates.der(c), der));
        if (!known) {
            throw new MspException(what + " certificate '" + certificate.getSubjectX500Principal()
                    + "' is neither a root nor an intermediate CA of MSP " + name);
        }
        return Certificates.chainIdentifier(chainOf(certificate));
    }

    private static List<X509Certificate> parseAll(List<ByteString> pems, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (ByteString pem : pems) {
            for (Pem.Block block : decodeAll(pem, what)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add(Pem.parseCertificate(block.der()));
                }
            }
        }
        return certificates;
    }

    private static List<Pem.Block> decodeAll(ByteString pem, String what) {
        List<Pem.Block> blocks = Pem.decodeAll(pem.toByteArray());
        if (blocks.isEmpty()) {
            throw new MspException(what + " is not PEM");
        }
        return blocks;
    }
}
