package io.weft.msp;

/** The role an identity's NodeOU gives it; the four are mutually exclusive. */
public enum NodeRole {
    CLIENT,
    PEER,
    ADMIN,
    ORDERER;

    /** The lower-case name Fabric's policies use, as in {@code 'Org1MSP.peer'}. */
    public String policyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
