package io.weft.ledger;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;

/**
 * A simulated transaction's read-write set and its serialized bytes. Endorsers hash and sign {@link #bytes()}; never
 * re-serialize {@link #rwSet()}.
 */
public record TxSimulationResults(TxReadWriteSet rwSet, ByteString bytes, boolean hasWrites) {}
