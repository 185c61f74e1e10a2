package io.weft.benchmarks;

import com.google.protobuf.ByteString;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import io.weft.msp.MspManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ECDSA P-256 verification of one SHA-256 signature over a {@value SignedMessage#MESSAGE_BYTES}-byte message: raw JCA
 * providers against Weft's verify path. Run with {@code -t 1} and {@code -t 2}; see docs/benchmarks.md.
 *
 * <ul>
 *   <li>{@code raw}: the fastest fair use of a provider. The key is imported into the provider once and each thread
 *       has its own {@link Signature}, initialised once and re-used (a completed {@code verify} leaves it ready for
 *       the next message under the same key).
 *   <li>{@code weftVerify}: {@link Identity#verify} on an identity already deserialized.
 *   <li>{@code weftDeserializeAndVerify}: what the committer does per signature: look the signer up in the
 *       {@link MspManager} cache by a freshly parsed {@code SerializedIdentity} (a new {@link ByteString}, as decoding
 *       a new envelope gives, so its hash is computed and the cache compares bytes), then verify.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EcdsaVerifyBenchmark {

    /** The signed message and an MSP trusting its signer, shared by all threads; Weft's provider as detected. */
    @State(Scope.Benchmark)
    public static class Fixture {
        SignedMessage signed;
        byte[] message;
        byte[] signature;
        byte[] serializedIdentity;
        MspManager mspManager;
        Identity identity;

        @Setup(Level.Trial)
        public void setUp() {
            // every call must do the ECDSA work: the same signature is verified over and over
            CryptoProvider crypto = CryptoProvider.detect().withoutVerifiedMemory();
            if (!crypto.description().endsWith("(native)")) {
                throw new IllegalStateException("expected the native provider (ACCP), got " + crypto.description());
            }
            signed = SignedMessage.create(crypto);
            message = signed.message();
            signature = signed.signature();
            serializedIdentity = signed.serializedIdentity().toByteArray();
            mspManager = signed.mspManager();
            identity = mspManager.deserializeIdentity(signed.serializedIdentity());
            identity.verify(message, signature);
        }
    }

    /** One provider's verifier per thread, initialised with the signer's key imported into that provider. */
    @State(Scope.Thread)
    public static class RawVerifier {
        @Param({"SunEC", "BC", "ACCP"})
        public String provider;

        Signature verifier;
        byte[] message;
        byte[] signature;

        @Setup(Level.Trial)
        public void setUp(Fixture fixture) throws GeneralSecurityException {
            Provider jca = provider(provider);
            verifier = Signature.getInstance("SHA256withECDSA", jca);
            verifier.initVerify(KeyFactory.getInstance("EC", jca)
                    .generatePublic(
                            new X509EncodedKeySpec(fixture.signed.publicKey().getEncoded())));
            message = fixture.signed.message();
            signature = fixture.signed.signature();
            if (!verify()) {
                throw new IllegalStateException(provider + " does not verify the signature");
            }
        }

        boolean verify() throws GeneralSecurityException {
            verifier.update(message);
            return verifier.verify(signature);
        }

        private static Provider provider(String name) {
            return switch (name) {
                case "SunEC" -> Security.getProvider("SunEC");
                case "BC" -> new BouncyCastleProvider();
                case "ACCP" -> {
                    Provider accp = CryptoProvider.loadNative();
                    if (accp == null) {
                        throw new IllegalStateException("the native provider (ACCP) does not load here");
                    }
                    yield accp;
                }
                default -> throw new IllegalArgumentException("unknown provider " + name);
            };
        }
    }

    @Benchmark
    public boolean raw(RawVerifier verifier) throws GeneralSecurityException {
        return verifier.verify();
    }

    @Benchmark
    public void weftVerify(Fixture fixture) {
        fixture.identity.verify(fixture.message, fixture.signature);
    }

    @Benchmark
    public Identity weftDeserializeAndVerify(Fixture fixture) {
        Identity identity = fixture.mspManager.deserializeIdentity(ByteString.copyFrom(fixture.serializedIdentity));
        identity.verify(fixture.message, fixture.signature);
        return identity;
    }
}
