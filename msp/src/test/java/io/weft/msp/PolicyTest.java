package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final byte[] DATA = "prp || endorser".getBytes(StandardCharsets.UTF_8);

    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg org2 = new TestOrg("Org2MSP");
    private final MspManager channel = new MspManager(List.of(org1.msp(), org2.msp()));

    private final TestOrg.Issued peer1 = org1.issue("peer0.org1", "peer");
    private final TestOrg.Issued peer1b = org1.issue("peer1.org1", "peer");
    private final TestOrg.Issued client1 = org1.issue("user1.org1", "client");
    private final TestOrg.Issued admin1 = org1.issue("admin.org1", "admin");
    private final TestOrg.Issued peer2 = org2.issue("peer0.org2", "peer");

    private SignedData signed(TestOrg org, TestOrg.Issued issued) {
        return new SignedData(
                ByteString.copyFrom(DATA), org.serialize(issued.certificate()), ByteString.copyFrom(issued.sign(DATA)));
    }

    private PolicyResult evaluate(String policy, SignedData... signatures) {
        return SignaturePolicy.parse(policy, channel).evaluate(List.of(signatures));
    }

    @Test
    void parsesFabricPolicyLanguage() {
        SignaturePolicyEnvelope envelope = PolicyDsl.parse(
                "OutOf(2, 'Org1MSP.peer', and('Org2MSP.member', \"Org3-MSP.admin\"), OR('A.b.client'))");
        assertThat(envelope.getIdentitiesCount()).isEqualTo(4);
        assertThat(envelope.getRule().getNOutOf().getN()).isEqualTo(2);
        assertThat(PolicyDsl.render(envelope))
                .isEqualTo("OutOf(2, 'Org1MSP.peer', AND('Org2MSP.member', 'Org3-MSP.admin'), OR('A.b.client'))");
        assertThat(PolicyDsl.render(PolicyDsl.parse("OR('Org1MSP.peer','Org2MSP.peer')")))
                .isEqualTo("OR('Org1MSP.peer', 'Org2MSP.peer')");
    }

    @Test
    void rejectsMalformedPolicyStrings() {
        assertThatThrownBy(() -> PolicyDsl.parse("XOR('Org1MSP.peer')"))
                .hasMessageContaining("unrecognized token 'XOR'");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('Org1MSP.boss')")).hasMessageContaining("not of the form");
        assertThatThrownBy(() -> PolicyDsl.parse("OutOf(3, 'A.peer', 'B.peer')"))
                .hasMessageContaining("has only 2");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.peer'")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.peer') x")).hasMessageContaining("unexpected text");
    }

    @Test
    void orIsSatisfiedByEitherOrg() {
        assertThat(evaluate("OR('Org1MSP.peer', 'Org2MSP.peer')", signed(org2, peer2))
                        .satisfied())
                .isTrue();
    }

    @Test
    void andNeedsBothOrgs() {
        PolicyResult result = evaluate("AND('Org1MSP.peer', 'Org2MSP.peer')", signed(org1, peer1));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation())
                .contains("AND('Org1MSP.peer', 'Org2MSP.peer') is not satisfied")
                .contains("principals required: ['Org1MSP.peer', 'Org2MSP.peer']")
                .contains("Org1MSP/peer0.org1 (peer) (valid signature): satisfies 'Org1MSP.peer'")
                .contains("not 'Org2MSP.peer'");
        assertThat(evaluate("AND('Org1MSP.peer', 'Org2MSP.peer')", signed(org1, peer1), signed(org2, peer2))
                        .satisfied())
                .isTrue();
    }

    @Test
    void clientWherePeerIsRequiredDoesNotCount() {
        PolicyResult result = evaluate("OR('Org1MSP.peer')", signed(org1, client1));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation())
                .contains("Org1MSP/user1.org1 (client) (valid signature): not 'Org1MSP.peer': is a client, not a peer");
        assertThat(evaluate("OR('Org1MSP.member')", signed(org1, client1)).satisfied())
                .isTrue();
        assertThat(evaluate("OR('Org1MSP.admin')", signed(org1, admin1)).satisfied())
                .isTrue();
    }

    @Test
    void oneIdentityCountsOnceEvenIfItSignsTwice() {
        PolicyResult result =
                evaluate("OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer')", signed(org1, peer1), signed(org1, peer1));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation()).contains("signed more than once");
        assertThat(evaluate("OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer')", signed(org1, peer1), signed(org1, peer1b))
                        .satisfied())
                .isTrue();
    }

    @Test
    void invalidSignaturesAreDroppedAndExplained() {
        SignedData good = signed(org1, peer1);
        SignedData forged = new SignedData(good.data(), org2.serialize(peer2.certificate()), good.signature());
        PolicyResult result = evaluate("AND('Org1MSP.peer', 'Org2MSP.peer')", good, forged);
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation()).contains("Org2MSP/peer0.org2 (peer): invalid signature");
    }

    @Test
    void highSSignatureIsDropped() {
        SignedData good = signed(org1, peer1);
        EcdsaSignatures.RS rs = EcdsaSignatures.decode(good.signature().toByteArray());
        byte[] high = EcdsaSignatures.encode(rs.r(), EcdsaSignatures.P256_ORDER.subtract(rs.s()));
        PolicyResult result =
                evaluate("OR('Org1MSP.peer')", new SignedData(good.data(), good.identity(), ByteString.copyFrom(high)));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation()).contains("S is not low");
    }

    @Test
    void unknownMspIsExplained() {
        TestOrg org3 = new TestOrg("Org3MSP");
        PolicyResult result = evaluate("OR('Org3MSP.peer')", signed(org3, org3.issue("peer0.org3", "peer")));
        assertThat(result.satisfied()).isFalse();
        assertThat(result.explanation()).contains("identity's MSP 'Org3MSP' is not one of");
    }

    @Test
    void noSignaturesIsExplained() {
        assertThat(evaluate("OR('Org1MSP.peer')").explanation()).contains("no signatures were given");
    }

    @Test
    void identitiesAreConsumedLeftToRightWithoutFullBacktracking() {
        // Fabric semantics: the first leaf takes the first matching identity; peer1 is a member AND a peer.
        // OutOf(2, member, peer) with only peer1 + client1: member takes peer1 first, peer finds nobody left.
        PolicyResult greedy =
                evaluate("AND('Org1MSP.member', 'Org1MSP.peer')", signed(org1, peer1), signed(org1, client1));
        assertThat(greedy.satisfied()).isFalse();
        PolicyResult ordered =
                evaluate("AND('Org1MSP.member', 'Org1MSP.peer')", signed(org1, client1), signed(org1, peer1));
        assertThat(ordered.satisfied()).isTrue();
    }

    @Test
    void failedSubRuleDoesNotConsumeIdentities() {
        // AND('Org1MSP.peer','Org2MSP.peer') fails (no org2) and must give peer1 back for the second rule
        assertThat(evaluate("OutOf(1, AND('Org1MSP.peer', 'Org2MSP.peer'), 'Org1MSP.peer')", signed(org1, peer1))
                        .satisfied())
                .isTrue();
    }

    @Test
    void rejectsUnsupportedVersionAndOutOfRangeIndex() {
        SignaturePolicyEnvelope envelope = PolicyDsl.parse("OR('Org1MSP.peer')");
        assertThatThrownBy(() -> SignaturePolicy.compile(
                        envelope.toBuilder().setVersion(1).build(), channel))
                .hasMessageContaining("version 1");
        SignaturePolicyEnvelope outOfRange =
                envelope.toBuilder().clearIdentities().build();
        assertThatThrownBy(() -> SignaturePolicy.compile(outOfRange, channel))
                .hasMessageContaining("refers to identity 0");
    }

    @Test
    void implicitMetaRules() {
        Map<String, Policy> orgs = new LinkedHashMap<>();
        orgs.put("Org1", SignaturePolicy.parse("OR('Org1MSP.peer')", channel));
        orgs.put("Org2", SignaturePolicy.parse("OR('Org2MSP.peer')", channel));
        orgs.put("Org3", SignaturePolicy.parse("OR('Org3MSP.peer')", channel));
        List<SignedData> one = List.of(signed(org1, peer1));
        List<SignedData> two = List.of(signed(org1, peer1), signed(org2, peer2));
        ImplicitMetaPolicy any = new ImplicitMetaPolicy(Rule.ANY, "Endorsement", orgs);
        ImplicitMetaPolicy majority = new ImplicitMetaPolicy(Rule.MAJORITY, "Endorsement", orgs);
        ImplicitMetaPolicy all = new ImplicitMetaPolicy(Rule.ALL, "Endorsement", orgs);
        assertThat(majority.threshold()).isEqualTo(2);
        assertThat(any.evaluate(one).satisfied()).isTrue();
        assertThat(majority.evaluate(one).satisfied()).isFalse();
        assertThat(majority.evaluate(one).explanation())
                .contains("MAJORITY Endorsement requires 2 of 3 'Endorsement' sub-policies")
                .contains("1 satisfied")
                .contains("Org2/Endorsement: signature policy OR('Org2MSP.peer') is not satisfied");
        assertThat(majority.evaluate(two).satisfied()).isTrue();
        assertThat(all.evaluate(two).satisfied()).isFalse();
        assertThat(new ImplicitMetaPolicy(Rule.MAJORITY, "Admins", Map.of())
                        .evaluate(List.of())
                        .satisfied())
                .isTrue();
    }

    @Test
    void policyEvaluationIsThreadSafe() throws Exception {
        SignaturePolicy policy = SignaturePolicy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')", channel);
        List<SignedData> signatures = List.of(signed(org1, peer1), signed(org2, peer2));
        List<Thread> threads = new ArrayList<>();
        List<Boolean> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    results.add(policy.evaluate(signatures).satisfied());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(400).containsOnly(true);
    }
}
