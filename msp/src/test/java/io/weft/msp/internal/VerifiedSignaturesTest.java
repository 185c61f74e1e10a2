package io.weft.msp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.msp.CertificateAuthority;
import io.weft.msp.CryptoProvider;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {
    private final CryptoProvider crypto = CryptoProvider.detect();
    private final PublicKey key = CertificateAuthority.generateKeyPair(crypto).getPublic();
    private final PublicKey otherKey =
            CertificateAuthority.generateKeyPair(crypto).getPublic();

    @Test
    void remembersExactlyTheKeyMessageAndSignatureThatVerified() {
        VerifiedSignatures verified = new VerifiedSignatures(64);
        byte[] message = {1, 2, 3};
        byte[] signature = {9, 8, 7, 6};

        assertThat(verified.contains(key, message, signature)).isFalse();
        verified.add(key, message, signature);

        assertThat(verified.contains(key, new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6}))
                .isTrue();
        assertThat(verified.contains(key, new byte[] {1, 2, 4}, signature)).isFalse();
        assertThat(verified.contains(key, message, new byte[] {9, 8, 7, 5})).isFalse();
        assertThat(verified.contains(otherKey, message, signature)).isFalse();
    }

    @Test
    void keepsItsOwnCopiesSoACallerChangingItsArraysCannotChangeWhatWasVerified() {
        VerifiedSignatures verified = new VerifiedSignatures(64);
        byte[] message = {1, 2, 3};
        byte[] signature = {9, 8, 7, 6};
        verified.add(key, message, signature);

        message[0] = 42;

        assertThat(verified.contains(key, message, signature)).isFalse();
        assertThat(verified.contains(key, new byte[] {1, 2, 3}, signature)).isTrue();
    }

    @Test
    void boundedSlotsForgetOlderEntriesAndLargeMessagesAreNotKept() {
        VerifiedSignatures verified = new VerifiedSignatures(1);
        verified.add(key, new byte[] {1}, new byte[] {1});
        verified.add(key, new byte[] {2}, new byte[] {2});
        assertThat(verified.contains(key, new byte[] {1}, new byte[] {1})).isFalse();
        assertThat(verified.contains(key, new byte[] {2}, new byte[] {2})).isTrue();

        byte[] large = new byte[VerifiedSignatures.MAX_MESSAGE_BYTES + 1];
        verified.add(key, large, new byte[] {3});
        assertThat(verified.contains(key, large, new byte[] {3})).isFalse();

        assertThatThrownBy(() -> new VerifiedSignatures(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
