package io.weft.benchmarks;

import com.google.protobuf.ByteString;
import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import io.weft.msp.Msp;
import io.weft.msp.MspManager;
import io.weft.msp.Pem;
import io.weft.msp.Subject;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;

/**
 * One endorser of org1 as cryptogen would make it (a self-signed P-256 root CA and a leaf certificate it issued), an
 * MSP and {@link MspManager} trusting that CA, and a low-S SHA256withECDSA signature by the endorser over a
 * {@value #MESSAGE_BYTES}-byte message, the size of a typical {@code ProposalResponsePayload}.
 */
final class SignedMessage {
    static final int MESSAGE_BYTES = 1024;
    static final String MSP_ID = "Org1MSP";

    private final byte[] message;
    private final byte[] signature;
    private final PublicKey publicKey;
    private final MspManager mspManager;
    private final ByteString serializedIdentity;

    private SignedMessage(
            byte[] message,
            byte[] signature,
            PublicKey publicKey,
            MspManager mspManager,
            ByteString serializedIdentity) {
        this.message = message;
        this.signature = signature;
        this.publicKey = publicKey;
        this.mspManager = mspManager;
        this.serializedIdentity = serializedIdentity;
    }

    /** Builds the CA, the endorser and the signed message; the message content is fixed by a seed. */
    static SignedMessage create(CryptoProvider crypto) {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = notBefore.plus(Duration.ofDays(3650));
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                crypto, Subject.of("org1.example.com", "ca.org1.example.com"), notBefore, notAfter);
        KeyPair endorserKeys = CertificateAuthority.generateKeyPair(crypto);
        X509Certificate endorser = ca.issue(new CertificateRequest(
                Subject.of("org1.example.com", "peer0.org1.example.com"),
                endorserKeys.getPublic(),
                notBefore,
                notAfter,
                false,
                KeyUsage.digitalSignature,
                List.of(),
                List.of()));

        FabricMSPConfig config = FabricMSPConfig.newBuilder()
                .setName(MSP_ID)
                .addRootCerts(ByteString.copyFromUtf8(Pem.encodeCertificate(ca.certificate())))
                .build();
        Msp msp = Msp.fromConfig(config, crypto);
        MspManager mspManager = new MspManager(List.of(msp));
        Identity identity = msp.identityOf(endorser);

        byte[] message = new byte[MESSAGE_BYTES];
        new Random(42).nextBytes(message);
        byte[] signature = crypto.sign(endorserKeys.getPrivate(), message);
        return new SignedMessage(message, signature, endorser.getPublicKey(), mspManager, identity.serialized());
    }

    byte[] message() {
        return message.clone();
    }

    /** DER, low-S. */
    byte[] signature() {
        return signature.clone();
    }

    /** The endorser's public key as the certificate factory parsed it (not imported into any provider). */
    PublicKey publicKey() {
        return publicKey;
    }

    MspManager mspManager() {
        return mspManager;
    }

    /** The endorser's {@code SerializedIdentity} bytes (MSP ID and PEM certificate). */
    ByteString serializedIdentity() {
        return serializedIdentity;
    }
}
