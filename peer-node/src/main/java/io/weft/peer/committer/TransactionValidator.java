package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.weft.msp.Identity;
import io.weft.msp.MspException;
import io.weft.proto.Protos;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates one transaction of a block as Fabric's committer does before MVCC (fabric-protocol.md §4.1 and §4.2):
 * envelope structure, common header, creator signature over the original payload bytes, tx id, the binding of the
 * proposal to the endorsed action (proposal hash), then the endorsement policy of every namespace the transaction
 * invokes or writes ({@link EndorsementCheck}). Each envelope is decoded once; signatures and hashes are over the bytes
 * as received. Stateless and thread-safe: the result depends only on the envelope and the {@link ValidationContext}.
 */
public final class TransactionValidator {
    private final EndorsementCheck endorsements = new EndorsementCheck();

    /** A check that failed: the code to record and why. Carries no stack trace. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        final TxValidationCode code;

        Invalid(TxValidationCode code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    /** Validates the envelope at {@code data} (one entry of a block's data). */
    TxOutcome validate(ByteString data, ValidationContext context) {
        String txId = "";
        try {
            if (data.isEmpty()) {
                throw new Invalid(TxValidationCode.NIL_ENVELOPE, "the block data entry is empty");
            }
            Envelope envelope = parse(Envelope.parser(), data, TxValidationCode.INVALID_OTHER_REASON, "envelope");
            Payload payload =
                    parse(Payload.parser(), envelope.getPayload(), TxValidationCode.BAD_PAYLOAD, "envelope payload");
            if (!payload.hasHeader()) {
                throw new Invalid(TxValidationCode.BAD_COMMON_HEADER, "payload has no header");
            }
            ChannelHeader channelHeader = parse(
                    ChannelHeader.parser(),
                    payload.getHeader().getChannelHeader(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    "channel header");
            txId = channelHeader.getTxId();
            SignatureHeader signatureHeader = parse(
                    SignatureHeader.parser(),
                    payload.getHeader().getSignatureHeader(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    "signature header");
            checkCommonHeader(channelHeader, signatureHeader);
            checkCreatorSignature(envelope, signatureHeader, context);
            return switch (channelHeader.getType()) {
                case HeaderType.ENDORSER_TRANSACTION_VALUE ->
                    endorserTransaction(payload, channelHeader, signatureHeader, context);
                case HeaderType.CONFIG_VALUE -> {
                    checkChannel(channelHeader, context);
                    yield TxOutcome.config(channelHeader, envelope);
                }
                default ->
                    throw new Invalid(
                            TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                            "transactions of header type " + HeaderType.forNumber(channelHeader.getType())
                                    + " are not committed");
            };
        } catch (Invalid e) {
            return TxOutcome.invalid(e.code, txId, e.getMessage());
        }
    }

    private static void checkCommonHeader(ChannelHeader channelHeader, SignatureHeader signatureHeader) throws Invalid {
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE
                && type != HeaderType.CONFIG_VALUE
                && type != HeaderType.CONFIG_UPDATE_VALUE) {
            throw new Invalid(TxValidationCode.BAD_COMMON_HEADER, "invalid header type " + type);
        }
        if (channelHeader.getEpoch() != 0) {
            throw new Invalid(
                    TxValidationCode.BAD_COMMON_HEADER,
                    "channel header epoch is " + Long.toUnsignedString(channelHeader.getEpoch()) + "; it must be 0");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            throw new Invalid(TxValidationCode.BAD_COMMON_HEADER, "signature header has no nonce");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            throw new Invalid(TxValidationCode.BAD_COMMON_HEADER, "signature header has no creator");
        }
    }

    private static void checkCreatorSignature(
            Envelope envelope, SignatureHeader signatureHeader, ValidationContext context) throws Invalid {
        Identity creator;
        try {
            creator = context.config().msps().deserializeIdentity(signatureHeader.getCreator());
        } catch (MspException e) {
            throw new Invalid(TxValidationCode.BAD_CREATOR_SIGNATURE, "creator is not accepted: " + e.getMessage());
        }
        try {
            creator.verify(
                    envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray());
        } catch (MspException e) {
            throw new Invalid(
                    TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "signature of creator " + creator.describe() + " over the payload is not valid: " + e.getMessage());
        }
    }

    private static void checkChannel(ChannelHeader channelHeader, ValidationContext context) throws Invalid {
        if (!channelHeader.getChannelId().equals(context.channelId())) {
            throw new Invalid(
                    TxValidationCode.TARGET_CHAIN_NOT_FOUND,
                    "transaction is for channel '" + channelHeader.getChannelId() + "' but the block is on channel '"
                            + context.channelId() + "'");
        }
    }

    private TxOutcome endorserTransaction(
            Payload payload, ChannelHeader channelHeader, SignatureHeader signatureHeader, ValidationContext context)
            throws Invalid {
        String expected = txId(signatureHeader);
        if (!channelHeader.getTxId().equals(expected)) {
            throw new Invalid(
                    TxValidationCode.BAD_PROPOSAL_TXID,
                    "tx id is not hex(SHA-256(nonce || creator)): expected " + expected);
        }
        Transaction transaction = parse(
                Transaction.parser(), payload.getData(), TxValidationCode.INVALID_ENDORSER_TRANSACTION, "transaction");
        if (transaction.getActionsCount() != 1) {
            throw new Invalid(
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "only one action per transaction is supported (the transaction holds "
                            + transaction.getActionsCount() + ")");
        }
        TransactionAction action = transaction.getActions(0);
        SignatureHeader actionHeader = parse(
                SignatureHeader.parser(),
                action.getHeader(),
                TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                "action signature header");
        if (actionHeader.getNonce().isEmpty() || actionHeader.getCreator().isEmpty()) {
            throw new Invalid(
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION, "action signature header lacks a nonce or creator");
        }
        ChaincodeActionPayload actionPayload = parse(
                ChaincodeActionPayload.parser(),
                action.getPayload(),
                TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                "chaincode action payload");
        ByteString prpBytes = actionPayload.getAction().getProposalResponsePayload();
        ProposalResponsePayload responsePayload = parse(
                ProposalResponsePayload.parser(),
                prpBytes,
                TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                "proposal response payload");
        MessageDigest digest = sha256();
        digest.update(payload.getHeader().getChannelHeader().asReadOnlyByteBuffer());
        digest.update(action.getHeader().asReadOnlyByteBuffer());
        digest.update(actionPayload.getChaincodeProposalPayload().asReadOnlyByteBuffer());
        if (!MessageDigest.isEqual(
                digest.digest(), responsePayload.getProposalHash().toByteArray())) {
            throw new Invalid(
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "proposal hash does not match the transaction's header and chaincode proposal payload");
        }
        checkChannel(channelHeader, context);
        EndorsementCheck.Result endorsement =
                endorsements.check(channelHeader, actionPayload.getAction(), responsePayload, context);
        return TxOutcome.valid(channelHeader, endorsement);
    }

    static String txId(SignatureHeader header) {
        return io.weft.proto.TransactionIds.of(header.getNonce(), header.getCreator());
    }

    static <T> T parse(Parser<T> parser, ByteString bytes, TxValidationCode code, String what) throws Invalid {
        try {
            return Protos.parseAliased(parser, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new Invalid(code, what + " does not decode: " + e.getMessage());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
