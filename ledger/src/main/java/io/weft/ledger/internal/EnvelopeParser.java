package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Extracts tx id, timestamp and public rwset from a block's envelope: Envelope.payload -> Payload{header.channel_header,
 * data = Transaction} -> actions[0].payload = ChaincodeActionPayload -> action.proposal_response_payload ->
 * extension = ChaincodeAction -> results = TxReadWriteSet. The ledger trusts the validator for everything else.
 */
public final class EnvelopeParser {
    private EnvelopeParser() {}

    public static ParsedTx parse(ByteString envelopeBytes) {
        String txId = "";
        Timestamp timestamp = Timestamp.getDefaultInstance();
        int type = -1;
        try {
            Envelope envelope = Envelope.parseFrom(envelopeBytes);
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader channelHeader =
                    ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            txId = channelHeader.getTxId();
            timestamp = channelHeader.getTimestamp();
            type = channelHeader.getType();
            if (type != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return new ParsedTx(txId, timestamp, type, null, null);
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            if (transaction.getActionsCount() == 0) {
                return new ParsedTx(txId, timestamp, type, null, TxValidationCode.NIL_TXACTION);
            }
            ChaincodeActionPayload actionPayload =
                    ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            ProposalResponsePayload responsePayload =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            ChaincodeAction action = ChaincodeAction.parseFrom(responsePayload.getExtension());
            TxReadWriteSet rwSet = TxReadWriteSet.parseFrom(action.getResults());
            return new ParsedTx(txId, timestamp, type, rwSet, null);
        } catch (InvalidProtocolBufferException e) {
            TxValidationCode code = type == HeaderType.ENDORSER_TRANSACTION_VALUE
                    ? TxValidationCode.BAD_RWSET
                    : TxValidationCode.BAD_PAYLOAD;
            return new ParsedTx(txId, timestamp, type, null, code);
        }
    }

    /** The channel id of a block's first envelope (Fabric's GetChannelIDFromBlock). */
    public static String channelId(ByteString envelopeBytes) throws InvalidProtocolBufferException {
        Envelope envelope = Envelope.parseFrom(envelopeBytes);
        Payload payload = Payload.parseFrom(envelope.getPayload());
        return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
    }
}
