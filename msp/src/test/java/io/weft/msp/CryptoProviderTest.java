package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CryptoProviderTest {
    private static final byte[] MESSAGE = "proposal response payload".getBytes(StandardCharsets.UTF_8);

    private final CryptoProvider crypto = CryptoProvider.detect();
    private final KeyPair keyPair = CertificateAuthority.generateKeyPair(crypto);

    @Test
    void usesTheNativeProviderWhereItLoads() {
        if (CryptoProvider.loadNative() != null) {
            assertThat(crypto.description())
                    .contains("AmazonCorrettoCryptoProvider")
                    .endsWith("(native)");
        } else {
            assertThat(crypto.description()).startsWith("BC");
        }
        assertThat(crypto.provider().getName()).isNotEqualTo("SunEC");
    }

    @Test
    void everySignatureIsLowSAndVerifies() {
        for (int i = 0; i < 300; i++) {
            byte[] signature = crypto.sign(keyPair.getPrivate(), MESSAGE);
            assertThat(EcdsaSignatures.isLowS(EcdsaSignatures.decode(signature)))
                    .isTrue();
            crypto.verify(crypto.publicKey(keyPair.getPublic()), MESSAGE, signature);
        }
    }

    @Test
    void signaturesVerifyWithTheJdksOwnVerifier() throws Exception {
        byte[] signature = crypto.sign(keyPair.getPrivate(), MESSAGE);
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(keyPair.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void bouncyCastleAndNativeProvidersAgree() {
        CryptoProvider bc = CryptoProvider.bouncyCastle();
        byte[] signature = crypto.sign(keyPair.getPrivate(), MESSAGE);
        bc.verify(bc.publicKey(keyPair.getPublic()), MESSAGE, signature);
        KeyPair bcPair = CertificateAuthority.generateKeyPair(bc);
        crypto.verify(crypto.publicKey(bcPair.getPublic()), MESSAGE, bc.sign(bcPair.getPrivate(), MESSAGE));
    }

    @Test
    void rejectsHighSSignatureThatIsOtherwiseValid() throws Exception {
        byte[] low = crypto.sign(keyPair.getPrivate(), MESSAGE);
        EcdsaSignatures.RS rs = EcdsaSignatures.decode(low);
        byte[] high = EcdsaSignatures.encode(rs.r(), EcdsaSignatures.P256_ORDER.subtract(rs.s()));
        // the high-S twin is a mathematically valid ECDSA signature: the JDK accepts it
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(keyPair.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(high)).isTrue();
        assertThatThrownBy(() -> crypto.verify(crypto.publicKey(keyPair.getPublic()), MESSAGE, high))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("S is not low");
    }

    @Test
    void rejectsSignatureFromAnotherKey() {
        KeyPair other = CertificateAuthority.generateKeyPair(crypto);
        byte[] signature = crypto.sign(other.getPrivate(), MESSAGE);
        assertThatThrownBy(() -> crypto.verify(crypto.publicKey(keyPair.getPublic()), MESSAGE, signature))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void rejectsSignatureOverOtherBytes() {
        byte[] signature = crypto.sign(keyPair.getPrivate(), MESSAGE);
        byte[] other = "another payload".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> crypto.verify(crypto.publicKey(keyPair.getPublic()), other, signature))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aSignatureThatVerifiedBeforeVouchesForNothingElse() {
        var publicKey = crypto.publicKey(keyPair.getPublic());
        byte[] message = MESSAGE.clone();
        byte[] signature = crypto.sign(keyPair.getPrivate(), message);
        crypto.verify(publicKey, message, signature);
        crypto.verify(publicKey, MESSAGE.clone(), signature.clone()); // again, from memory

        byte[] other = "another payload".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> crypto.verify(publicKey, other, signature)).hasMessageContaining("does not match");
        var otherKey =
                crypto.publicKey(CertificateAuthority.generateKeyPair(crypto).getPublic());
        assertThatThrownBy(() -> crypto.verify(otherKey, message, signature)).hasMessageContaining("does not match");
        message[0] ^= 1; // the caller changes its array after the verification
        assertThatThrownBy(() -> crypto.verify(publicKey, message, signature)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> crypto.withoutVerifiedMemory().verify(publicKey, message, signature))
                .hasMessageContaining("does not match");
        crypto.withoutVerifiedMemory().verify(publicKey, MESSAGE, signature);
    }

    @Test
    void aSignatureMadeWithSignRememberedVerifiesFromMemoryUnderTheKeyVouchedFor() {
        // the caller vouches that the public key is the private key's pair; this test vouches falsely on purpose, so
        // that an answer from memory is told apart from an ECDSA verification
        KeyPair other = CertificateAuthority.generateKeyPair(crypto);
        byte[] signature = crypto.signRemembered(keyPair.getPrivate(), crypto.publicKey(other.getPublic()), MESSAGE);
        crypto.verify(crypto.publicKey(other.getPublic()), MESSAGE.clone(), signature); // a fresh import of the key
        assertThatThrownBy(() ->
                        crypto.withoutVerifiedMemory().verify(crypto.publicKey(other.getPublic()), MESSAGE, signature))
                .hasMessageContaining("does not match");
        crypto.withoutVerifiedMemory().verify(crypto.publicKey(keyPair.getPublic()), MESSAGE, signature);
    }

    @Test
    void rejectsTruncatedAndPaddedDer() {
        byte[] signature = crypto.sign(keyPair.getPrivate(), MESSAGE);
        byte[] truncated = Arrays.copyOf(signature, signature.length - 3);
        byte[] padded = Arrays.copyOf(signature, signature.length + 1);
        var publicKey = crypto.publicKey(keyPair.getPublic());
        assertThatThrownBy(() -> crypto.verify(publicKey, MESSAGE, truncated))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> crypto.verify(publicKey, MESSAGE, padded))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> crypto.verify(publicKey, MESSAGE, new byte[0]))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void derCodecRejectsNonCanonicalIntegers() {
        byte[] zeroPadded = {0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01};
        assertThatThrownBy(() -> EcdsaSignatures.decode(zeroPadded)).hasMessageContaining("minimally");
        byte[] negative = {0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01};
        assertThatThrownBy(() -> EcdsaSignatures.decode(negative)).hasMessageContaining("malformed");
        byte[] zero = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01};
        assertThatThrownBy(() -> EcdsaSignatures.decode(zero)).hasMessageContaining("zero");
    }

    @Test
    void toLowSNormalisesHighS() {
        BigInteger r = BigInteger.valueOf(12345);
        BigInteger highS = EcdsaSignatures.P256_ORDER.subtract(BigInteger.TEN);
        EcdsaSignatures.RS normalised =
                EcdsaSignatures.decode(EcdsaSignatures.toLowS(EcdsaSignatures.encode(r, highS)));
        assertThat(normalised.r()).isEqualTo(r);
        assertThat(normalised.s()).isEqualTo(BigInteger.TEN);
        byte[] alreadyLow = EcdsaSignatures.encode(r, BigInteger.TEN);
        assertThat(EcdsaSignatures.toLowS(alreadyLow)).isSameAs(alreadyLow);
    }

    @Test
    void fastLowSCheckAgreesWithTheFullDecoder() {
        for (int i = 0; i < 300; i++) {
            byte[] low = crypto.sign(keyPair.getPrivate(), ("m" + i).getBytes(StandardCharsets.UTF_8));
            EcdsaSignatures.RS rs = EcdsaSignatures.decode(low);
            byte[] high = EcdsaSignatures.encode(rs.r(), EcdsaSignatures.P256_ORDER.subtract(rs.s()));
            assertThat(EcdsaSignatures.isStrictDerWithLowS(low, EcdsaSignatures.P256_ORDER))
                    .isTrue();
            assertThat(EcdsaSignatures.isStrictDerWithLowS(high, EcdsaSignatures.P256_ORDER))
                    .isFalse();
        }
        BigInteger half = EcdsaSignatures.P256_HALF_ORDER;
        BigInteger one = BigInteger.ONE;
        assertThat(EcdsaSignatures.isStrictDerWithLowS(EcdsaSignatures.encode(one, half), EcdsaSignatures.P256_ORDER))
                .isTrue();
        assertThat(EcdsaSignatures.isStrictDerWithLowS(
                        EcdsaSignatures.encode(one, half.add(one)), EcdsaSignatures.P256_ORDER))
                .isFalse();
        assertThat(EcdsaSignatures.isStrictDerWithLowS(
                        EcdsaSignatures.encode(one, BigInteger.valueOf(5)), EcdsaSignatures.P256_ORDER))
                .isTrue();
        byte[] zeroPadded = {0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01};
        byte[] negative = {0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01};
        byte[] zero = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00};
        byte[] trailing = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00};
        for (byte[] bad : List.of(zeroPadded, negative, zero, trailing)) {
            assertThatThrownBy(() -> EcdsaSignatures.isStrictDerWithLowS(bad, EcdsaSignatures.P256_ORDER))
                    .isInstanceOf(MspException.class)
                    .hasMessageContaining("malformed");
        }
    }
}
