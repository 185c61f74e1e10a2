package io.weft.benchmarks;

import com.google.protobuf.ByteString;
import io.weft.msp.CryptoProvider;
import io.weft.msp.EcdsaSignatures;
import io.weft.msp.Identity;
import io.weft.msp.MspManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pieces Weft's verify path adds around the provider call, each alone, in nanoseconds per call: what
 * {@link EcdsaVerifyBenchmark}'s Weft benchmarks pay on top of a raw ACCP verify. Short and stable enough to measure
 * on a noisy machine where two ~55 µs verifies cannot be told apart within 5%.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SignatureCheckCostBenchmark {

    /** The fixture of {@link EcdsaVerifyBenchmark}, with the signer's key imported into ACCP. */
    @State(Scope.Thread)
    public static class Parts {
        byte[] signature;
        byte[] serializedIdentityBytes;
        ByteString serializedIdentity;
        MspManager mspManager;
        PublicKey accpKey;
        Signature accpVerifier;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            SignedMessage signed = SignedMessage.create(CryptoProvider.detect().withoutVerifiedMemory());
            Provider accp = CryptoProvider.loadNative();
            if (accp == null) {
                throw new IllegalStateException("the native provider (ACCP) does not load here");
            }
            signature = signed.signature();
            serializedIdentity = signed.serializedIdentity();
            serializedIdentityBytes = serializedIdentity.toByteArray();
            mspManager = signed.mspManager();
            accpKey = KeyFactory.getInstance("EC", accp)
                    .generatePublic(new X509EncodedKeySpec(signed.publicKey().getEncoded()));
            accpVerifier = Signature.getInstance("SHA256withECDSA", accp);
        }
    }

    /** {@code CryptoProvider.verify}'s own checks: parse the DER signature, read the curve order, compare S. */
    @Benchmark
    public boolean lowSCheck(Parts parts) {
        EcdsaSignatures.RS rs = EcdsaSignatures.decode(parts.signature);
        return EcdsaSignatures.isLowS(rs, ((ECKey) parts.accpKey).getParams().getOrder());
    }

    /** {@code Signature.initVerify} with the same ACCP key, which {@code CryptoProvider.verify} does every call. */
    @Benchmark
    public Signature accpInitWithKey(Parts parts) throws GeneralSecurityException {
        parts.accpVerifier.initVerify(parts.accpKey);
        return parts.accpVerifier;
    }

    /** The {@code MspManager} cache hit with the very {@link ByteString} instance cached (hash already known). */
    @Benchmark
    public Identity cacheHitSameInstance(Parts parts) {
        return parts.mspManager.deserializeIdentity(parts.serializedIdentity);
    }

    /** The cache hit as the committer has it: a new {@link ByteString} from a parsed envelope (hash and compare). */
    @Benchmark
    public Identity cacheHitNewBytes(Parts parts) {
        return parts.mspManager.deserializeIdentity(ByteString.copyFrom(parts.serializedIdentityBytes));
    }

    /** The copy alone, to subtract from {@link #cacheHitNewBytes}: decoding an envelope makes this copy anyway. */
    @Benchmark
    public ByteString copyIdentityBytes(Parts parts) {
        return ByteString.copyFrom(parts.serializedIdentityBytes);
    }
}
