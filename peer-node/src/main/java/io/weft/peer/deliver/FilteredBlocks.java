package io.weft.peer.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Turns a committed block into Fabric's {@code FilteredBlock} (fabric-protocol.md §6): per transaction its tx id,
 * header type and validation code (from TRANSACTIONS_FILTER); for endorser transactions the chaincode events without
 * their payload. Unlike Fabric, an entry that does not decode (an invalid transaction) still appears with its code
 * instead of failing the whole stream.
 */
final class FilteredBlocks {
    private FilteredBlocks() {}

    static FilteredBlock of(Block block, String channelId) {
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder()
                .setChannelId(channelId)
                .setNumber(block.getHeader().getNumber());
        ByteString flags = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            FilteredTransaction.Builder tx = FilteredTransaction.newBuilder();
            if (i < flags.size()) {
                TxValidationCode code = TxValidationCode.forNumber(flags.byteAt(i) & 0xFF);
                tx.setTxValidationCode(code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
            }
            try {
                Payload payload = Payload.parseFrom(
                        Envelope.parseFrom(block.getData().getData(i)).getPayload());
                ChannelHeader header =
                        ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                tx.setTxid(header.getTxId()).setTypeValue(header.getType());
                if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    tx.setTransactionActions(actions(Transaction.parseFrom(payload.getData())));
                }
            } catch (InvalidProtocolBufferException e) {
                // keep what decoded: the code tells the client the transaction is invalid
            }
            filtered.addFilteredTransactions(tx);
        }
        return filtered.build();
    }

    private static FilteredTransactionActions actions(Transaction transaction) throws InvalidProtocolBufferException {
        FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
        for (TransactionAction action : transaction.getActionsList()) {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            if (!actionPayload.hasAction()) {
                continue;
            }
            ProposalResponsePayload response =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
            ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
            if (!event.getChaincodeId().isEmpty()) {
                actions.addChaincodeActions(FilteredChaincodeAction.newBuilder()
                        .setChaincodeEvent(event.toBuilder().clearPayload()));
            }
        }
        return actions.build();
    }
}
