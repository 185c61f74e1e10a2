package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class X509MspTest {
    private final TestOrg org1 = new TestOrg("Org1MSP");

    @Test
    void acceptsPeerClientAdminAndOrdererIdentitiesWithTheirRoles() {
        Msp msp = org1.msp();
        for (NodeRole role : NodeRole.values()) {
            TestOrg.Issued issued = org1.issue("node-" + role.policyName(), role.policyName());
            Identity identity = msp.deserializeIdentity(org1.serialize(issued.certificate()));
            assertThat(identity.mspId()).isEqualTo("Org1MSP");
            assertThat(identity.nodeRole()).contains(role);
            assertThat(identity.isAdmin()).isEqualTo(role == NodeRole.ADMIN);
            assertThat(identity.describe())
                    .isEqualTo("Org1MSP/node-" + role.policyName() + " (" + role.policyName() + ")");
        }
    }

    @Test
    void verifiesSignaturesOfTheIdentitysKey() {
        TestOrg.Issued peer = org1.issue("peer0", "peer");
        Identity identity = org1.msp().deserializeIdentity(org1.serialize(peer.certificate()));
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        identity.verify(message, peer.sign(message));
        TestOrg.Issued other = org1.issue("peer1", "peer");
        assertThatThrownBy(() -> identity.verify(message, other.sign(message)))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void keepsTheSerializedBytesAsReceived() {
        TestOrg.Issued peer = org1.issue("peer0", "peer");
        ByteString serialized = org1.serialize(peer.certificate());
        assertThat(org1.msp().deserializeIdentity(serialized).serialized()).isSameAs(serialized);
    }

    @Test
    void rejectsCaCertificateUsedAsIdentity() {
        ByteString serialized = org1.serialize(org1.ca.certificate());
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(serialized))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("is a CA certificate");
    }

    @Test
    void rejectsCertificateFromAnotherCa() {
        TestOrg stranger = new TestOrg("Org1MSP");
        TestOrg.Issued peer = stranger.issue("peer0", "peer");
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(org1.serialize(peer.certificate())))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("was not issued by any CA of MSP Org1MSP");
    }

    @Test
    void rejectsIdentityOfAnotherMspId() {
        TestOrg.Issued peer = org1.issue("peer0", "peer");
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(TestOrg.serialize("Org2MSP", peer.certificate())))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("belongs to MSP 'Org2MSP', expected 'Org1MSP'");
    }

    @Test
    void rejectsGarbageIdentityBytes() {
        ByteString notPem = SerializedIdentity.newBuilder()
                .setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8("not a certificate"))
                .build()
                .toByteString();
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(notPem)).hasMessageContaining("no PEM certificate");
        ByteString notProto = ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(notProto))
                .hasMessageContaining("not a SerializedIdentity");
        ByteString badDer = SerializedIdentity.newBuilder()
                .setMspid("Org1MSP")
                .setIdBytes(ByteString.copyFromUtf8(Pem.encode("CERTIFICATE", new byte[] {1, 2, 3})))
                .build()
                .toByteString();
        assertThatThrownBy(() -> org1.msp().deserializeIdentity(badDer))
                .hasMessageContaining("not an X.509 certificate");
    }

    @Test
    void rejectsRevokedCertificate() {
        TestOrg.Issued revoked = org1.issue("user-revoked", "client");
        TestOrg.Issued kept = org1.issue("user-kept", "client");
        org1.crls.add(
                org1.ca.revoke(List.of(revoked.certificate()), TestOrg.NOW, TestOrg.NOW.plus(Duration.ofDays(7))));
        Msp msp = org1.msp();
        assertThatThrownBy(() -> msp.deserializeIdentity(org1.serialize(revoked.certificate())))
                .isInstanceOf(MspException.class)
                .hasMessageContaining("is revoked");
        assertThat(msp.deserializeIdentity(org1.serialize(kept.certificate())).nodeRole())
                .contains(NodeRole.CLIENT);
    }

    @Test
    void ignoresCrlNotSignedByTheIssuer() {
        TestOrg.Issued user = org1.issue("user", "client");
        TestOrg forger = new TestOrg("Org1MSP");
        // same issuer name, wrong key: the CRL must not revoke anything
        CertificateAuthority fakeCa = CertificateAuthority.of(
                TestOrg.CRYPTO, forger.ca.certificate(), forger.ca.privateKey(), org1.ca.subject());
        org1.crls.add(fakeCa.revoke(List.of(user.certificate()), TestOrg.NOW, TestOrg.NOW.plus(Duration.ofDays(1))));
        assertThat(org1.msp()
                        .deserializeIdentity(org1.serialize(user.certificate()))
                        .mspId())
                .isEqualTo("Org1MSP");
    }

    @Test
    void expiredAndNotYetValidCertificatesFailTheTimeCheck() {
        TestOrg.Issued expired = TestOrg.issue(
                org1.ca,
                "expired",
                TestOrg.NOW.minus(Duration.ofDays(30)),
                TestOrg.NOW.minus(Duration.ofDays(1)),
                "client");
        TestOrg.Issued future = TestOrg.issue(
                org1.ca,
                "future",
                TestOrg.NOW.plus(Duration.ofDays(1)),
                TestOrg.NOW.plus(Duration.ofDays(30)),
                "client");
        Msp msp = org1.msp();
        Identity expiredIdentity = msp.deserializeIdentity(org1.serialize(expired.certificate()));
        Identity futureIdentity = msp.deserializeIdentity(org1.serialize(future.certificate()));
        Instant now = Instant.now();
        assertThatThrownBy(() -> expiredIdentity.checkValidAt(now)).hasMessageContaining("expired at");
        assertThatThrownBy(() -> futureIdentity.checkValidAt(now)).hasMessageContaining("is not valid before");
        // within their periods they pass
        expiredIdentity.checkValidAt(TestOrg.NOW.minus(Duration.ofDays(2)));
        futureIdentity.checkValidAt(TestOrg.NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void rejectsIdentityIssuedOutsideItsCasValidity() {
        CertificateAuthority shortLived = CertificateAuthority.selfSigned(
                TestOrg.CRYPTO,
                Subject.of("org9", "ca.org9"),
                TestOrg.NOW.minus(Duration.ofDays(10)),
                TestOrg.NOW.minus(Duration.ofDays(5)));
        TestOrg.Issued late = TestOrg.issue(
                shortLived, "late", TestOrg.NOW.minus(Duration.ofDays(1)), TestOrg.NOW.plus(Duration.ofDays(1)));
        Msp msp = Msp.fromConfig(
                org.hyperledger.fabric.protos.msp.FabricMSPConfig.newBuilder()
                        .setName("Org9MSP")
                        .addRootCerts(TestOrg.pem(shortLived.certificate()))
                        .build(),
                TestOrg.CRYPTO);
        assertThatThrownBy(() -> msp.deserializeIdentity(TestOrg.serialize("Org9MSP", late.certificate())))
                .hasMessageContaining("was not valid when");
    }

    @Test
    void acceptsIdentityIssuedThroughAnIntermediateCa() {
        CertificateAuthority intermediate = org1.ca.intermediate(
                Subject.of("org1.example.com", "ica.org1"),
                TestOrg.NOW.minus(Duration.ofDays(1)),
                TestOrg.NOW.plus(Duration.ofDays(300)));
        TestOrg.Issued peer = TestOrg.issue(
                intermediate,
                "peer-via-ica",
                TestOrg.NOW.minus(Duration.ofHours(1)),
                TestOrg.NOW.plus(Duration.ofDays(30)),
                "peer");
        Msp withoutIntermediate =
                Msp.fromConfig(org1.config().toBuilder().clearFabricNodeOus().build(), TestOrg.CRYPTO);
        assertThatThrownBy(() -> withoutIntermediate.deserializeIdentity(org1.serialize(peer.certificate())))
                .hasMessageContaining("was not issued by any CA");
        Msp msp = Msp.fromConfig(
                org1.config().toBuilder()
                        .clearFabricNodeOus()
                        .addIntermediateCerts(TestOrg.pem(intermediate.certificate()))
                        .build(),
                TestOrg.CRYPTO);
        assertThat(msp.deserializeIdentity(org1.serialize(peer.certificate())).certificate())
                .isEqualTo(peer.certificate());
    }

    @Test
    void nodeOusRequireExactlyOneRole() {
        Msp msp = org1.msp();
        TestOrg.Issued none = org1.issue("nobody", "marketing");
        TestOrg.Issued two = org1.issue("both", "client", "peer");
        assertThatThrownBy(() -> msp.deserializeIdentity(org1.serialize(none.certificate())))
                .hasMessageContaining("carries none of the NodeOU role units [client, peer, admin, orderer]");
        assertThatThrownBy(() -> msp.deserializeIdentity(org1.serialize(two.certificate())))
                .hasMessageContaining("several NodeOU roles");
    }

    @Test
    void withoutNodeOusEveryChainedCertIsAMemberWithoutRole() {
        org1.nodeOus = false;
        TestOrg.Issued plain = org1.issue("plain");
        Identity identity = org1.msp().deserializeIdentity(org1.serialize(plain.certificate()));
        assertThat(identity.nodeRole()).isEmpty();
        assertThat(identity.isAdmin()).isFalse();
    }

    @Test
    void adminCertsMakeAnAdminWithoutTheAdminOu() {
        TestOrg.Issued listed = org1.issue("listed-admin", "client");
        org1.admins.add(listed.certificate());
        Identity identity = org1.msp().deserializeIdentity(org1.serialize(listed.certificate()));
        assertThat(identity.isAdmin()).isTrue();
        assertThat(identity.nodeRole()).contains(NodeRole.CLIENT);
    }

    @Test
    void rejectsAdminCertificateFromAnotherCa() {
        org1.admins.add(new TestOrg("Org1MSP").issue("alien-admin", "admin").certificate());
        assertThatThrownBy(org1::msp).isInstanceOf(MspException.class).hasMessageContaining("admin certificate");
    }

    @Test
    void principalsByRole() {
        Msp msp = org1.msp();
        Identity client = msp.deserializeIdentity(
                org1.serialize(org1.issue("client", "client").certificate()));
        Identity admin = msp.deserializeIdentity(
                org1.serialize(org1.issue("admin", "admin").certificate()));
        msp.satisfiesPrincipal(client, role("Org1MSP", MSPRole.MSPRoleType.MEMBER));
        msp.satisfiesPrincipal(client, role("Org1MSP", MSPRole.MSPRoleType.CLIENT));
        msp.satisfiesPrincipal(admin, role("Org1MSP", MSPRole.MSPRoleType.ADMIN));
        assertThatThrownBy(() -> msp.satisfiesPrincipal(client, role("Org1MSP", MSPRole.MSPRoleType.PEER)))
                .hasMessage("Org1MSP/client (client) is a client, not a peer");
        assertThatThrownBy(() -> msp.satisfiesPrincipal(client, role("Org1MSP", MSPRole.MSPRoleType.ADMIN)))
                .hasMessageContaining("is not an admin of Org1MSP");
        assertThatThrownBy(() -> msp.satisfiesPrincipal(client, role("Org2MSP", MSPRole.MSPRoleType.MEMBER)))
                .hasMessageContaining("the principal requires MSP Org2MSP");
    }

    @Test
    void identityPrincipalMatchesOnlyThatIdentity() {
        Msp msp = org1.msp();
        TestOrg.Issued one = org1.issue("one", "client");
        Identity identity = msp.deserializeIdentity(org1.serialize(one.certificate()));
        Identity other = msp.deserializeIdentity(
                org1.serialize(org1.issue("two", "client").certificate()));
        MSPPrincipal principal = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
                .setPrincipal(org1.serialize(one.certificate()))
                .build();
        msp.satisfiesPrincipal(identity, principal);
        assertThatThrownBy(() -> msp.satisfiesPrincipal(other, principal)).hasMessageContaining("not the identity");
    }

    @Test
    void peerRoleRequiresNodeOus() {
        org1.nodeOus = false;
        Msp msp = org1.msp();
        Identity identity =
                msp.deserializeIdentity(org1.serialize(org1.issue("x", "peer").certificate()));
        assertThatThrownBy(() -> msp.satisfiesPrincipal(identity, role("Org1MSP", MSPRole.MSPRoleType.PEER)))
                .hasMessageContaining("NodeOUs are not enabled");
    }

    @Test
    void rejectsConfigWithoutRootsOrName() {
        assertThatThrownBy(() -> Msp.fromConfig(
                        org1.config().toBuilder().clearRootCerts().build(), TestOrg.CRYPTO))
                .hasMessageContaining("has no root CA certificate");
        assertThatThrownBy(() ->
                        Msp.fromConfig(org1.config().toBuilder().clearName().build(), TestOrg.CRYPTO))
                .hasMessageContaining("no name");
        TestOrg.Issued leaf = org1.issue("leaf", "client");
        assertThatThrownBy(() -> Msp.fromConfig(
                        org1.config().toBuilder()
                                .clearFabricNodeOus()
                                .clearRootCerts()
                                .addRootCerts(TestOrg.pem(leaf.certificate()))
                                .build(),
                        TestOrg.CRYPTO))
                .hasMessageContaining("is not a CA certificate");
    }

    @Test
    void organizationalUnitIdentifiersRestrictWhichIdentitiesAreValid() {
        org1.nodeOus = false;
        Msp msp = Msp.fromConfig(
                org1.config().toBuilder()
                        .addOrganizationalUnitIdentifiers(
                                org.hyperledger.fabric.protos.msp.FabricOUIdentifier.newBuilder()
                                        .setCertificate(TestOrg.pem(org1.ca.certificate()))
                                        .setOrganizationalUnitIdentifier("COP"))
                        .build(),
                TestOrg.CRYPTO);
        msp.deserializeIdentity(org1.serialize(org1.issue("in", "COP").certificate()));
        assertThatThrownBy(() -> msp.deserializeIdentity(
                        org1.serialize(org1.issue("out", "sales").certificate())))
                .hasMessageContaining("has none of the organizational units [COP]");
    }

    @Test
    void organizationUnitCombinedAndAnonymityPrincipals() {
        Msp msp = org1.msp();
        Identity peer = msp.deserializeIdentity(
                org1.serialize(org1.issue("peer0", "peer").certificate()));
        byte[] certifiers = io.weft.msp.internal.X509MspProbe.certifiersOf(peer);
        MSPPrincipal peerUnit = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT)
                .setPrincipal(org.hyperledger.fabric.protos.common.OrganizationUnit.newBuilder()
                        .setMspIdentifier("Org1MSP")
                        .setOrganizationalUnitIdentifier("peer")
                        .setCertifiersIdentifier(ByteString.copyFrom(certifiers))
                        .build()
                        .toByteString())
                .build();
        msp.satisfiesPrincipal(peer, peerUnit);
        MSPPrincipal wrongCertifier = peerUnit.toBuilder()
                .setPrincipal(org.hyperledger.fabric.protos.common.OrganizationUnit.newBuilder()
                        .setMspIdentifier("Org1MSP")
                        .setOrganizationalUnitIdentifier("peer")
                        .setCertifiersIdentifier(ByteString.copyFromUtf8("other CA"))
                        .build()
                        .toByteString())
                .build();
        assertThatThrownBy(() -> msp.satisfiesPrincipal(peer, wrongCertifier))
                .hasMessageContaining("does not carry organizational unit peer");
        MSPPrincipal peerAndMember = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                .setPrincipal(org.hyperledger.fabric.protos.common.CombinedPrincipal.newBuilder()
                        .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.PEER))
                        .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.MEMBER))
                        .build()
                        .toByteString())
                .build();
        msp.satisfiesPrincipal(peer, peerAndMember);
        MSPPrincipal peerAndAdmin = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
                .setPrincipal(org.hyperledger.fabric.protos.common.CombinedPrincipal.newBuilder()
                        .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.PEER))
                        .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.ADMIN))
                        .build()
                        .toByteString())
                .build();
        assertThatThrownBy(() -> msp.satisfiesPrincipal(peer, peerAndAdmin)).hasMessageContaining("not an admin");
        MSPPrincipal anonymous = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ANONYMITY)
                .setPrincipal(org.hyperledger.fabric.protos.common.MSPIdentityAnonymity.newBuilder()
                        .setAnonymityType(
                                org.hyperledger.fabric.protos.common.MSPIdentityAnonymity.MSPIdentityAnonymityType
                                        .ANONYMOUS)
                        .build()
                        .toByteString())
                .build();
        assertThatThrownBy(() -> msp.satisfiesPrincipal(peer, anonymous)).hasMessageContaining("never anonymous");
        MSPPrincipal garbage = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))
                .build();
        assertThatThrownBy(() -> msp.satisfiesPrincipal(peer, garbage))
                .hasMessageContaining("malformed ROLE principal");
    }

    static MSPPrincipal role(String mspId, MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(mspId)
                        .setRole(type)
                        .build()
                        .toByteString())
                .build();
    }
}
