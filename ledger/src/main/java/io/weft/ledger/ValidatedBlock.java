package io.weft.ledger;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block received from ordering plus, per transaction, the code the committer's earlier phase (structure,
 * signatures, endorsement policy) found. The ledger runs MVCC only for transactions still {@code VALID}.
 *
 * @param contents per transaction, what the earlier phase already decoded of it (so the ledger does not decode the
 *     envelope again), or null where it did not; empty when no transaction has any
 */
public record ValidatedBlock(Block block, List<TxValidationCode> codes, List<Content> contents) {

    /**
     * What the ledger needs of a transaction, as the committer decoded it from the envelope.
     *
     * @param txId the channel header's tx id
     * @param timestamp the channel header's timestamp
     * @param headerType the channel header's type
     * @param rwSet the public read-write set of an endorser transaction, null for other types
     */
    public record Content(String txId, Timestamp timestamp, int headerType, TxReadWriteSet rwSet) {
        public Content {
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    public ValidatedBlock {
        Objects.requireNonNull(block, "block");
        codes = List.copyOf(codes);
        contents = Collections.unmodifiableList(new ArrayList<>(contents));
        if (codes.size() != block.getData().getDataCount()) {
            throw new LedgerException("block " + block.getHeader().getNumber() + " has "
                    + block.getData().getDataCount() + " transactions but " + codes.size() + " validation codes");
        }
        if (!contents.isEmpty() && contents.size() != codes.size()) {
            throw new LedgerException("block " + block.getHeader().getNumber() + " has " + codes.size()
                    + " transactions but " + contents.size() + " decoded contents");
        }
        if (codes.contains(TxValidationCode.NOT_VALIDATED)) {
            throw new LedgerException("block " + block.getHeader().getNumber()
                    + " has a transaction left NOT_VALIDATED by the validator");
        }
    }

    /** A block with the codes given; the ledger decodes every envelope itself. */
    public ValidatedBlock(Block block, List<TxValidationCode> codes) {
        this(block, codes, List.of());
    }

    /** A block whose transactions all passed the earlier phase. */
    public static ValidatedBlock allValid(Block block) {
        return new ValidatedBlock(block, Collections.nCopies(block.getData().getDataCount(), TxValidationCode.VALID));
    }

    /** What the earlier phase decoded of transaction {@code index}, or null. */
    public Content content(int index) {
        return contents.isEmpty() ? null : contents.get(index);
    }
}
