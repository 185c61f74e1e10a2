package io.weft.msp.internal;

import io.weft.msp.Identity;

/** Lets tests in the API package read what only the implementation knows. */
public final class X509MspProbe {
    private X509MspProbe() {}

    public static byte[] certifiersOf(Identity identity) {
        return ((X509Identity) identity).certifiersIdentifier();
    }
}
