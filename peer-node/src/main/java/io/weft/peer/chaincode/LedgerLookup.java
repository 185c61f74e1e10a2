package io.weft.peer.chaincode;

import io.weft.ledger.ChannelLedger;
import java.util.Optional;

/** The ledger of a channel, for chaincode-to-chaincode calls to another channel ({@code LedgerProvider::get}). */
@FunctionalInterface
public interface LedgerLookup {
    Optional<ChannelLedger> get(String channelId);
}
