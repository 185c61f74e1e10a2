package io.weft.ledger;

import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Read access to a channel's committed blocks (what Deliver, qscc and CommitStatus use). */
public interface BlockReader {
    String channelId();

    /** Number of committed blocks (the last block's number + 1). */
    long height();

    /** Height, current block hash and previous block hash (qscc GetChainInfo). */
    BlockchainInfo blockchainInfo();

    Optional<Block> getBlockByNumber(long number);

    Optional<Block> getBlockByHash(byte[] headerHash);

    Optional<Block> getBlockByTxId(String txId);

    Optional<ProcessedTransaction> getTransactionById(String txId);

    /** The validation code recorded for a transaction id (the first occurrence if it was duplicated). */
    Optional<TxValidationCode> getTxValidationCode(String txId);

    /** The validation code and block number recorded for a transaction id, from the index alone (no block read). */
    Optional<TxStatus> getTxStatus(String txId);

    /** Committed blocks from {@code startNumber} up to the height at the time of each call to next. */
    ResultsIterator<Block> blocksFrom(long startNumber);
}
