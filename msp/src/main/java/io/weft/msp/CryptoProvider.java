package io.weft.msp;

import io.weft.msp.internal.VerifiedSignatures;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that does Weft's ECDSA P-256 work: the native Amazon Corretto Crypto Provider where it loads,
 * BouncyCastle otherwise. SunEC is never used on a hot path (it verifies about ten times slower on JDK 17).
 *
 * <p>Keys handed to {@link #verify} and {@link #sign} should come from {@link #publicKey} / {@link #privateKey} so
 * that they are already in the provider's native form; identities keep them for their lifetime.
 */
public final class CryptoProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static final String ALGORITHM = "SHA256withECDSA";

    private static final int VERIFIED_SLOTS = 4096;

    private final Provider provider;
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<Signature> signers;
    private final VerifiedSignatures verified;

    private CryptoProvider(Provider provider, VerifiedSignatures verified) {
        this.provider = Objects.requireNonNull(provider);
        this.verifiers = ThreadLocal.withInitial(this::newSignature);
        this.signers = ThreadLocal.withInitial(this::newSignature);
        this.verified = verified;
    }

    private CryptoProvider(Provider provider) {
        this(provider, new VerifiedSignatures(VERIFIED_SLOTS));
    }

    /**
     * The same provider without the memory of recent successful verifications, so that every {@link #verify} does the
     * ECDSA work: for benchmarks that verify one signature over and over.
     */
    public CryptoProvider withoutVerifiedMemory() {
        return new CryptoProvider(provider, null);
    }

    /** The fastest provider that loads here; logs which one at INFO. */
    public static CryptoProvider detect() {
        Provider nativeProvider = loadNative();
        CryptoProvider chosen =
                new CryptoProvider(nativeProvider != null ? nativeProvider : new BouncyCastleProvider());
        LOG.info("ECDSA provider: {}", chosen.description());
        return chosen;
    }

    /** BouncyCastle, whatever else is available. */
    public static CryptoProvider bouncyCastle() {
        return new CryptoProvider(new BouncyCastleProvider());
    }

    /** A provider of the caller's choice (for benchmarks and tests). */
    public static CryptoProvider of(Provider provider) {
        return new CryptoProvider(provider);
    }

    /** The native provider if it loads and passes its self test, else null. */
    public static Provider loadNative() {
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider accp = (Provider) type.getField("INSTANCE").get(null);
            Throwable loadingError =
                    (Throwable) type.getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                LOG.debug("native crypto provider did not load: {}", loadingError.toString());
                return null;
            }
            type.getMethod("assertHealthy").invoke(accp);
            return accp;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("native crypto provider unavailable: {}", e.toString());
            return null;
        }
    }

    public Provider provider() {
        return provider;
    }

    /** For example {@code "AmazonCorrettoCryptoProvider 2.5.0 (native)"}. */
    public String description() {
        boolean isNative = provider.getName().startsWith("AmazonCorretto");
        return provider.getName() + " " + provider.getVersionStr() + (isNative ? " (native)" : "");
    }

    /** Converts any EC public key to this provider's native key object. */
    public PublicKey publicKey(PublicKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), provider)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new MspException("cannot import " + key.getAlgorithm() + " public key into " + provider.getName(), e);
        }
    }

    /** Imports a PKCS#8 EC private key. */
    public PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new MspException("not a PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    /** Signs SHA-256(message) and returns a low-S DER signature. */
    public byte[] sign(PrivateKey key, byte[] message) {
        Signature signer = signers.get();
        try {
            signer.initSign(key);
            signer.update(message);
            return EcdsaSignatures.toLowS(signer.sign(), curveOrder(key));
        } catch (GeneralSecurityException e) {
            throw new MspException("signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Signs as {@link #sign(PrivateKey, byte[])} and remembers the signature as verified under {@code publicKey}, so
     * that this process verifying its own signature later (a gateway evaluating the endorsement policy over its peer's
     * endorsement, the committer validating it in a block) costs no ECDSA work. The caller vouches that
     * {@code publicKey} is the public half of {@code key}, as a signing identity does after checking its key pair.
     */
    public byte[] signRemembered(PrivateKey key, PublicKey publicKey, byte[] message) {
        byte[] signature = sign(key, message);
        if (verified != null) {
            verified.add(publicKey, message, signature);
        }
        return signature;
    }

    /**
     * Verifies a DER signature over SHA-256(message) as Fabric does. A key, message and signature that verified
     * recently are answered from memory (see {@link VerifiedSignatures}).
     *
     * @throws MspException saying whether the signature is malformed, high-S, or does not match
     */
    public void verify(PublicKey key, byte[] message, byte[] signature) {
        if (verified != null && verified.contains(key, message, signature)) {
            return;
        }
        if (!EcdsaSignatures.isStrictDerWithLowS(signature, curveOrder(key))) {
            throw new MspException("invalid signature: S is not low (must be at most half the curve order)");
        }
        Signature verifier = verifiers.get();
        boolean valid;
        try {
            verifier.initVerify(key);
            verifier.update(message);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new MspException("invalid signature: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new MspException("invalid signature: it does not match the message and the signer's public key");
        }
        if (verified != null) {
            verified.add(key, message, signature);
        }
    }

    private static BigInteger curveOrder(Key key) {
        if (key instanceof ECKey ecKey) {
            return ecKey.getParams().getOrder();
        }
        throw new MspException("not an EC key: " + key.getAlgorithm());
    }

    private Signature newSignature() {
        try {
            return Signature.getInstance(ALGORITHM, provider);
        } catch (GeneralSecurityException e) {
            throw new MspException(provider.getName() + " has no " + ALGORITHM, e);
        }
    }
}
