package io.weft.msp;

import java.util.List;

/** A channel or endorsement policy. Implementations are immutable and thread-safe. */
public interface Policy {
    /** Evaluates the policy over a set of signatures; never throws for bad signatures, it explains them. */
    PolicyResult evaluate(List<SignedData> signatures);

    /** How the policy reads, for messages: {@code OR('Org1MSP.peer', 'Org2MSP.peer')} or {@code MAJORITY Admins}. */
    String describe();
}
