package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

/** Weft and the official fabric-gateway client agree on identities, keys and signatures. */
class FabricGatewayInteropTest {
    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg.Issued user = org1.issue("User1@org1.example.com", "client");

    @Test
    void gatewaySignerSignaturesVerifyWithWeft() throws Exception {
        PrivateKey gatewayKey = Identities.readPrivateKey(
                new StringReader(Pem.encodePrivateKey(user.keyPair().getPrivate())));
        Signer signer = Signers.newPrivateKeySigner(gatewayKey);
        X509Identity gatewayIdentity = new X509Identity("Org1MSP", user.certificate());
        ByteString serialized = SerializedIdentity.newBuilder()
                .setMspid(gatewayIdentity.getMspId())
                .setIdBytes(ByteString.copyFrom(gatewayIdentity.getCredentials()))
                .build()
                .toByteString();
        Identity identity = new MspManager(List.of(org1.msp())).deserializeIdentity(serialized);
        for (int i = 0; i < 50; i++) {
            byte[] message = ("proposal bytes " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(Hash.SHA256.apply(message));
            identity.verify(message, signature);
        }
    }

    @Test
    void gatewaySerializesIdentitiesWithTheSamePemBytesAsWeft() {
        X509Identity gatewayIdentity = new X509Identity("Org1MSP", user.certificate());
        assertThat(new String(gatewayIdentity.getCredentials(), StandardCharsets.UTF_8))
                .isEqualTo(Pem.encodeCertificate(user.certificate()));
    }

    @Test
    void weftSignaturesAreWhatTheGatewayProduces() throws Exception {
        // the gateway's signer also normalises to low-S; both must be accepted by either side
        byte[] message = "endorsement".getBytes(StandardCharsets.UTF_8);
        byte[] weftSignature = user.sign(message);
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(user.certificate());
        jdk.update(message);
        assertThat(jdk.verify(weftSignature)).isTrue();
        assertThat(EcdsaSignatures.isLowS(EcdsaSignatures.decode(weftSignature)))
                .isTrue();
    }
}
