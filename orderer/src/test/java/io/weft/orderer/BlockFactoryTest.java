package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Msp;
import io.weft.msp.MspManager;
import io.weft.msp.Pem;
import io.weft.msp.SignaturePolicy;
import io.weft.msp.SignedData;
import io.weft.msp.SigningIdentity;
import io.weft.msp.Subject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.junit.jupiter.api.Test;

class BlockFactoryTest {
    private static final CryptoProvider CRYPTO = CryptoProvider.detect();

    private final CertificateAuthority ca = CertificateAuthority.selfSigned(
            CRYPTO,
            Subject.of("example.com", "ca.example.com"),
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(365)));
    private final Msp msp = Msp.fromConfig(mspConfig(), CRYPTO);
    private final MspManager channel = new MspManager(List.of(msp));
    private final SigningIdentity orderer = identity("orderer.example.com", "orderer");

    private FabricMSPConfig mspConfig() {
        ByteString root = ByteString.copyFrom(Pem.encodeCertificate(ca.certificate()), StandardCharsets.UTF_8);
        FabricOUIdentifier.Builder ou = FabricOUIdentifier.newBuilder().setCertificate(root);
        return FabricMSPConfig.newBuilder()
                .setName("OrdererMSP")
                .addRootCerts(root)
                .setFabricNodeOus(FabricNodeOUs.newBuilder()
                        .setEnable(true)
                        .setClientOuIdentifier(ou.setOrganizationalUnitIdentifier("client"))
                        .setPeerOuIdentifier(ou.setOrganizationalUnitIdentifier("peer"))
                        .setAdminOuIdentifier(ou.setOrganizationalUnitIdentifier("admin"))
                        .setOrdererOuIdentifier(ou.setOrganizationalUnitIdentifier("orderer")))
                .build();
    }

    private SigningIdentity identity(String name, String role) {
        KeyPair keyPair = CertificateAuthority.generateKeyPair(CRYPTO);
        var certificate = ca.issue(new CertificateRequest(
                ca.subject().withCommonName(name).withOrganizationalUnits(List.of(role)),
                keyPair.getPublic(),
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(30)),
                false,
                KeyUsage.digitalSignature,
                List.of(),
                List.of()));
        return SigningIdentity.of(msp.identityOf(certificate), keyPair.getPrivate(), CRYPTO);
    }

    @Test
    void blocksAreHashChainedAndSignedForTheBlockValidationPolicy() {
        BlockFactory factory = new BlockFactory(orderer);
        Block first = factory.create(1, ByteString.copyFrom(new byte[32]), List.of(ByteString.copyFromUtf8("tx1")), 0);
        Block second = factory.create(
                2,
                ByteString.copyFrom(BlockHashes.headerHash(first.getHeader())),
                List.of(ByteString.copyFromUtf8("tx2")),
                0);
        assertThat(second.getHeader().getPreviousHash().toByteArray())
                .isEqualTo(BlockHashes.headerHash(first.getHeader()));
        assertThat(second.getHeader().getDataHash().toByteArray()).isEqualTo(BlockHashes.dataHash(second.getData()));
        assertThat(second.getMetadata().getMetadataCount()).isEqualTo(5);
        assertThat(BlockSignatures.lastConfigIndex(second)).isZero();

        SignaturePolicy blockValidation = SignaturePolicy.parse("OR('OrdererMSP.orderer')", channel);
        List<SignedData> signatures = BlockSignatures.signedData(second);
        assertThat(signatures).hasSize(1);
        assertThat(blockValidation.evaluate(signatures).satisfied()).isTrue();
    }

    @Test
    void aTamperedHeaderNoLongerSatisfiesThePolicy() {
        Block block = new BlockFactory(orderer).create(1, ByteString.copyFrom(new byte[32]), List.of(), 0);
        Block tampered = block.toBuilder()
                .setHeader(block.getHeader().toBuilder().setNumber(7))
                .build();
        SignaturePolicy blockValidation = SignaturePolicy.parse("OR('OrdererMSP.orderer')", channel);
        assertThat(blockValidation
                        .evaluate(BlockSignatures.signedData(tampered))
                        .satisfied())
                .isFalse();
    }

    @Test
    void aBlockSignedByAPeerFailsAnOrdererPolicy() {
        Block block = new BlockFactory(identity("peer0", "peer")).create(1, ByteString.EMPTY, List.of(), 0);
        var result =
                SignaturePolicy.parse("OR('OrdererMSP.orderer')", channel).evaluate(BlockSignatures.signedData(block));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation()).contains("is a peer, not a orderer");
    }

    @Test
    void missingOrMalformedSignaturesAreClearErrors() {
        Block unsigned = Block.newBuilder().build();
        assertThatThrownBy(() -> BlockSignatures.signedData(unsigned)).hasMessageContaining("no SIGNATURES metadata");
        Block garbage = unsigned.toBuilder()
                .setMetadata(
                        unsigned.getMetadata().toBuilder().addMetadata(ByteString.copyFrom(new byte[] {(byte) 0xff})))
                .build();
        assertThatThrownBy(() -> BlockSignatures.signedData(garbage)).hasMessageContaining("malformed SIGNATURES");
    }
}
