package io.weft.peer.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_COMMON_HEADER;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_HEADER_EXTENSION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RESPONSE_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CHAINCODE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CONFIG_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_OTHER_REASON;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.NIL_ENVELOPE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.PHANTOM_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.TARGET_CHAIN_NOT_FOUND;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.UNSUPPORTED_TX_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import io.weft.ledger.Version;
import io.weft.msp.SigningIdentity;
import io.weft.testing.TestEnvelopes;
import io.weft.testing.TestNetwork;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per validation code the committer assigns, each on real signed envelopes committed to a real ledger. */
class TransactionValidationCodeTest {
    private static final String CHANNEL = CommitterFixture.CHANNEL;
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final ByteString GARBAGE = ByteString.copyFrom(new byte[] {0x0A, 0x7F, 0x01});

    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static TestNetwork stranger;
    private static SigningIdentity client;
    private static SigningIdentity peer1;
    private static SigningIdentity peer2;

    @TempDir
    Path dir;

    private CommitterFixture fixture;

    @BeforeAll
    static void createNetworks() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        stranger = TestNetwork.create(shared.resolve("stranger"), TestNetwork.repoConfig());
        client = network.client(1);
        peer1 = network.peer(1);
        peer2 = network.peer(2);
    }

    @BeforeEach
    void joinChannel() {
        fixture = new CommitterFixture(network, dir).joinAndDefine();
    }

    @AfterEach
    void close() throws InterruptedException {
        fixture.close();
    }

    private EndorserTransactions basic() {
        return EndorserTransactions.of(CHANNEL, client, "basic")
                .write("basic", "k", "v")
                .endorsedBy(peer1);
    }

    private List<TxValidationCode> commit(Envelope... envelopes) {
        return fixture.commit(envelopes);
    }

    @Test
    void commitsAnEndorsedTransactionAsValid() {
        assertThat(commit(basic().build())).containsExactly(VALID);
        try (var state = fixture.ledger().newQueryExecutor()) {
            assertThat(state.getState("basic", "k")).contains(ByteString.copyFromUtf8("v"));
        }
    }

    @Test
    void marksAnEmptyDataEntryNilEnvelope() {
        var block = fixture.nextBlockOf(List.of(ByteString.EMPTY));
        assertThat(fixture.channel.commit(block).codes()).containsExactly(NIL_ENVELOPE);
    }

    @Test
    void marksAnUndecodableEnvelopeInvalidOtherReason() {
        var block = fixture.nextBlockOf(List.of(GARBAGE));
        assertThat(fixture.channel.commit(block).codes()).containsExactly(INVALID_OTHER_REASON);
    }

    @Test
    void marksAnUndecodablePayloadBadPayload() {
        Envelope envelope = Envelope.newBuilder().setPayload(GARBAGE).build();
        assertThat(commit(envelope)).containsExactly(BAD_PAYLOAD);
    }

    @Test
    void marksANonZeroEpochBadCommonHeader() {
        assertThat(commit(basic().channelHeader(h -> h.setEpoch(1)).build())).containsExactly(BAD_COMMON_HEADER);
    }

    @Test
    void marksAMessageTypeEnvelopeBadCommonHeader() {
        Envelope message = TestEnvelopes.signed(CHANNEL, client, HeaderType.MESSAGE, ByteString.EMPTY);
        assertThat(commit(message)).containsExactly(BAD_COMMON_HEADER);
    }

    @Test
    void marksATamperedCreatorSignatureBadCreatorSignature() {
        Envelope envelope = basic().build();
        byte[] signature = envelope.getSignature().toByteArray();
        signature[signature.length - 1] ^= 0x01;
        Envelope tampered = envelope.toBuilder()
                .setSignature(ByteString.copyFrom(signature))
                .build();
        assertThat(commit(tampered)).containsExactly(BAD_CREATOR_SIGNATURE);
    }

    @Test
    void marksAHighSCreatorSignatureBadCreatorSignature() {
        Envelope envelope = basic().build();
        Envelope highS = envelope.toBuilder()
                .setSignature(ByteString.copyFrom(highS(envelope.getSignature().toByteArray())))
                .build();
        assertThat(commit(highS)).containsExactly(BAD_CREATOR_SIGNATURE);
    }

    @Test
    void marksACreatorOfAnUnknownMspBadCreatorSignature() throws Exception {
        ByteString unknownMsp = SerializedIdentity.parseFrom(client.serialized()).toBuilder()
                .setMspid("Org9MSP")
                .build()
                .toByteString();
        assertThat(commit(basic().creator(unknownMsp).build())).containsExactly(BAD_CREATOR_SIGNATURE);
    }

    @Test
    void marksACreatorFromAnotherCaBadCreatorSignature() {
        Envelope foreign = EndorserTransactions.of(CHANNEL, stranger.client(1), "basic")
                .write("basic", "k", "v")
                .endorsedBy(peer1)
                .build();
        assertThat(commit(foreign)).containsExactly(BAD_CREATOR_SIGNATURE);
    }

    @Test
    void marksAWrongTxIdBadProposalTxId() {
        Envelope envelope =
                basic().channelHeader(h -> h.setTxId("0".repeat(64))).build();
        assertThat(commit(envelope)).containsExactly(BAD_PROPOSAL_TXID);
    }

    @Test
    void marksAProposalHashMismatchInvalidEndorserTransaction() {
        Envelope envelope =
                basic().proposalHash(ByteString.copyFrom(new byte[32])).build();
        assertThat(commit(envelope)).containsExactly(INVALID_ENDORSER_TRANSACTION);
    }

    @Test
    void marksATransactionForAnotherChannelTargetChainNotFound() {
        Envelope envelope =
                basic().channelHeader(h -> h.setChannelId("otherchannel")).build();
        assertThat(commit(envelope)).containsExactly(TARGET_CHAIN_NOT_FOUND);
    }

    @Test
    void marksConfigUpdatesUnsupportedTxPayload() {
        Envelope update = TestEnvelopes.signed(CHANNEL, client, HeaderType.CONFIG_UPDATE, ByteString.EMPTY);
        assertThat(commit(update)).containsExactly(UNSUPPORTED_TX_PAYLOAD);
    }

    @Test
    void marksAnUndecodableHeaderExtensionBadHeaderExtension() {
        assertThat(commit(basic().headerExtension(GARBAGE).build())).containsExactly(BAD_HEADER_EXTENSION);
    }

    @Test
    void marksAnUndecodableChaincodeActionBadResponsePayload() {
        assertThat(commit(basic().actionBytes(GARBAGE).build())).containsExactly(BAD_RESPONSE_PAYLOAD);
    }

    @Test
    void marksAnUndecodableReadWriteSetBadRwset() {
        assertThat(commit(basic().results(GARBAGE).build())).containsExactly(BAD_RWSET);
    }

    @Test
    void marksARepeatedNamespaceIllegalWriteset() {
        EndorserTransactions tx = basic();
        var rwSet = tx.rwSet();
        var doubled = rwSet.toBuilder().addNsRwset(rwSet.getNsRwset(0)).build();
        assertThat(commit(tx.results(doubled.toByteString()).build())).containsExactly(ILLEGAL_WRITESET);
    }

    @Test
    void marksAnUndefinedChaincodeInvalidChaincode() {
        Envelope envelope = EndorserTransactions.of(CHANNEL, client, "nosuchcc")
                .write("nosuchcc", "k", "v")
                .endorsedBy(peer1, peer2)
                .build();
        assertThat(commit(envelope)).containsExactly(INVALID_CHAINCODE);
    }

    @Test
    void marksAWriteToAnUndefinedNamespaceInvalidChaincode() {
        assertThat(commit(basic().write("nosuchcc", "k", "v").build())).containsExactly(INVALID_CHAINCODE);
    }

    @Test
    void marksAMismatchedOrVersionlessChaincodeIdInvalidChaincode() {
        Envelope otherName = basic().action(a -> a.setChaincodeId(
                        ChaincodeID.newBuilder().setName("andcc").setVersion("1.0")))
                .build();
        Envelope noVersion = basic().version("").build();
        assertThat(commit(otherName, noVersion)).containsExactly(INVALID_CHAINCODE, INVALID_CHAINCODE);
    }

    @Test
    void marksAnEventOfAnotherChaincodeInvalidOtherReason() {
        assertThat(commit(basic().event("created", "andcc").build())).containsExactly(INVALID_OTHER_REASON);
    }

    @Test
    void marksTooFewOrgsForAnAndPolicyEndorsementPolicyFailure() {
        Envelope oneOrg = EndorserTransactions.of(CHANNEL, client, "andcc")
                .write("andcc", "k", "v")
                .endorsedBy(peer1)
                .build();
        Envelope bothOrgs = EndorserTransactions.of(CHANNEL, client, "andcc")
                .write("andcc", "k2", "v")
                .endorsedBy(peer1, peer2)
                .build();
        assertThat(commit(oneOrg, bothOrgs)).containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
    }

    @Test
    void marksTooFewOrgsForTheChannelEndorsementPolicyEndorsementPolicyFailure() {
        Envelope oneOrg = EndorserTransactions.of(CHANNEL, client, "strict")
                .write("strict", "k", "v")
                .endorsedBy(peer2)
                .build();
        assertThat(commit(oneOrg)).containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void marksAClientEndorsementWhereAPeerIsRequiredEndorsementPolicyFailure() {
        Envelope byClient = EndorserTransactions.of(CHANNEL, client, "basic")
                .write("basic", "k", "v")
                .endorsedBy(network.client(2))
                .build();
        assertThat(commit(byClient)).containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void marksAWriteToLifecycleWithoutLifecycleEndorsementEndorsementPolicyFailure() {
        Envelope oneOrg = TestBlocks.defineChaincode(
                CHANNEL, client, "sneaky", TestBlocks.signaturePolicy("OR('Org1MSP.member')"), peer1);
        assertThat(commit(oneOrg)).containsExactly(ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void marksTheSecondOccurrenceOfATxIdInOneBlockDuplicate() {
        Envelope envelope = basic().build();
        assertThat(commit(envelope, envelope)).containsExactly(VALID, DUPLICATE_TXID);
    }

    @Test
    void marksATxIdAlreadyInTheLedgerDuplicate() {
        Envelope envelope = basic().build();
        assertThat(commit(envelope)).containsExactly(VALID);
        assertThat(commit(envelope)).containsExactly(DUPLICATE_TXID);
    }

    @Test
    void marksAStaleReadMvccReadConflict() {
        assertThat(commit(basic().build())).containsExactly(VALID);
        long written = fixture.ledger().height() - 1;
        Envelope stale = EndorserTransactions.of(CHANNEL, client, "basic")
                .read("basic", "k", new Version(written, 1))
                .write("basic", "k", "stale")
                .endorsedBy(peer1)
                .build();
        Envelope fresh = EndorserTransactions.of(CHANNEL, client, "basic")
                .read("basic", "k", new Version(written, 0))
                .write("basic", "k", "fresh")
                .endorsedBy(peer2)
                .build();
        Envelope afterFresh = EndorserTransactions.of(CHANNEL, client, "basic")
                .read("basic", "k", new Version(written, 0))
                .write("basic", "k", "late")
                .endorsedBy(peer2)
                .build();
        assertThat(commit(stale, fresh, afterFresh)).containsExactly(MVCC_READ_CONFLICT, VALID, MVCC_READ_CONFLICT);
    }

    @Test
    void marksARangeThatChangedPhantomReadConflict() {
        assertThat(commit(basic().write("basic", "a1", "x").build())).containsExactly(VALID);
        RangeQueryInfo sawNothing = RangeQueryInfo.newBuilder()
                .setStartKey("a")
                .setEndKey("b")
                .setItrExhausted(true)
                .setRawReads(QueryReads.newBuilder())
                .build();
        Envelope phantom = EndorserTransactions.of(CHANNEL, client, "basic")
                .rangeQuery("basic", sawNothing)
                .write("basic", "summary", "0")
                .endorsedBy(peer1)
                .build();
        assertThat(commit(phantom)).containsExactly(PHANTOM_READ_CONFLICT);
    }

    @Test
    void marksAConfigTransactionWithTheWrongSequenceInvalidConfigTransaction() {
        ConfigEnvelope sameSequence = ConfigEnvelope.newBuilder()
                .setConfig(fixture.channel.config().config())
                .build();
        Envelope config =
                TestEnvelopes.signed(CHANNEL, network.orderer(), HeaderType.CONFIG, sameSequence.toByteString());
        assertThat(commit(config)).containsExactly(INVALID_CONFIG_TRANSACTION);
        assertThat(fixture.channel.config().sequence()).isZero();
    }

    @Test
    void assignsTheSameCodesWhateverTheNumberOfValidationThreads() throws Exception {
        Envelope valid = basic().build();
        List<Envelope> mixed = List.of(
                valid,
                basic().proposalHash(ByteString.copyFrom(new byte[32])).build(),
                valid,
                EndorserTransactions.of(CHANNEL, client, "andcc")
                        .write("andcc", "k", "v")
                        .endorsedBy(peer1)
                        .build(),
                basic().results(GARBAGE).build(),
                basic().build());
        var block = fixture.nextBlock(mixed.toArray(Envelope[]::new));
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService eight = Executors.newFixedThreadPool(8);
        try (var state = fixture.ledger().newQueryExecutor()) {
            var definitions = new LifecycleChaincodeDefinitions(state);
            var parameters = new StateValidationParameters(state);
            var config = fixture.channel.config();
            var sequential =
                    new BlockValidator(one, TestNetwork.CRYPTO).validate(block, config, definitions, parameters);
            for (int i = 0; i < 5; i++) {
                var parallel =
                        new BlockValidator(eight, TestNetwork.CRYPTO).validate(block, config, definitions, parameters);
                assertThat(parallel.codes()).isEqualTo(sequential.codes());
            }
            assertThat(sequential.codes())
                    .containsExactly(
                            VALID, INVALID_ENDORSER_TRANSACTION, VALID, ENDORSEMENT_POLICY_FAILURE, BAD_RWSET, VALID);
        } finally {
            one.shutdownNow();
            eight.shutdownNow();
        }
        // the ledger then marks the repeated tx id
        assertThat(fixture.channel.commit(block).codes())
                .containsExactly(
                        VALID,
                        INVALID_ENDORSER_TRANSACTION,
                        DUPLICATE_TXID,
                        ENDORSEMENT_POLICY_FAILURE,
                        BAD_RWSET,
                        VALID);
    }

    /** The same signature with s replaced by n - s: valid ECDSA, but not low-S as Fabric requires. */
    static byte[] highS(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        try {
            return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                        new ASN1Integer(r), new ASN1Integer(P256_ORDER.subtract(s))
                    })
                    .getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
