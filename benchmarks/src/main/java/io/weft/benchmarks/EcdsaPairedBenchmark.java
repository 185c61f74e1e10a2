package io.weft.benchmarks;

import com.google.protobuf.ByteString;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Identity;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw ACCP and Weft's path measured side by side: one thread each, at the same time, in one JVM, so that load from
 * other processes hits both alike and their ratio holds on a shared machine where {@link EcdsaVerifyBenchmark}'s
 * one-after-the-other runs vary by more than the difference sought. Uses both cores of a two-core machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class EcdsaPairedBenchmark {

    /** The raw side's verifier, one per thread, initialised once with the key imported into ACCP. */
    @State(Scope.Thread)
    public static class AccpVerifier {
        Signature verifier;
        byte[] message;
        byte[] signature;

        @Setup(Level.Trial)
        public void setUp(EcdsaVerifyBenchmark.Fixture fixture) throws GeneralSecurityException {
            Provider accp = CryptoProvider.loadNative();
            if (accp == null) {
                throw new IllegalStateException("the native provider (ACCP) does not load here");
            }
            verifier = Signature.getInstance("SHA256withECDSA", accp);
            verifier.initVerify(KeyFactory.getInstance("EC", accp)
                    .generatePublic(
                            new X509EncodedKeySpec(fixture.signed.publicKey().getEncoded())));
            message = fixture.signed.message();
            signature = fixture.signed.signature();
        }
    }

    @Benchmark
    @Group("accpVsIdentity")
    @GroupThreads(1)
    public boolean accpRaw(AccpVerifier accp) throws GeneralSecurityException {
        accp.verifier.update(accp.message);
        return accp.verifier.verify(accp.signature);
    }

    @Benchmark
    @Group("accpVsIdentity")
    @GroupThreads(1)
    public void weftIdentity(EcdsaVerifyBenchmark.Fixture fixture) {
        fixture.identity.verify(fixture.message, fixture.signature);
    }

    @Benchmark
    @Group("accpVsCommitter")
    @GroupThreads(1)
    public boolean accpRawToo(AccpVerifier accp) throws GeneralSecurityException {
        return accpRaw(accp);
    }

    @Benchmark
    @Group("accpVsCommitter")
    @GroupThreads(1)
    public Identity weftCommitter(EcdsaVerifyBenchmark.Fixture fixture) {
        Identity identity = fixture.mspManager.deserializeIdentity(ByteString.copyFrom(fixture.serializedIdentity));
        identity.verify(fixture.message, fixture.signature);
        return identity;
    }
}
