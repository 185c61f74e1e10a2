package io.weft.msp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;

/** An organizational unit value, optionally tied to the CA that must have certified it. */
record OuIdentifier(String unit, byte[] certifiersIdentifier) {

    static OuIdentifier from(FabricOUIdentifier identifier, X509Msp msp, String what) {
        byte[] certifiers = identifier.getCertificate().isEmpty()
                ? new byte[0]
                : msp.certifiersIdentifierOfCa(identifier.getCertificate().toByteArray(), what);
        return new OuIdentifier(identifier.getOrganizationalUnitIdentifier(), certifiers);
    }

    static List<OuIdentifier> fromConfig(List<FabricOUIdentifier> identifiers, X509Msp msp) {
        List<OuIdentifier> result = new ArrayList<>();
        for (FabricOUIdentifier identifier : identifiers) {
            result.add(from(identifier, msp, "OrganizationalUnitIdentifiers"));
        }
        return result;
    }

    static List<String> names(List<OuIdentifier> identifiers) {
        return identifiers.stream().map(OuIdentifier::unit).toList();
    }

    /** True when one of the units equals this one and, if a certifier is set, the identity's CA chain is it. */
    boolean matches(List<String> units, byte[] identityCertifiers) {
        return units.contains(unit)
                && (certifiersIdentifier.length == 0 || Arrays.equals(certifiersIdentifier, identityCertifiers));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OuIdentifier that
                && unit.equals(that.unit)
                && Arrays.equals(certifiersIdentifier, that.certifiersIdentifier);
    }

    @Override
    public int hashCode() {
        return unit.hashCode() * 31 + Arrays.hashCode(certifiersIdentifier);
    }

    @Override
    public String toString() {
        return unit;
    }
}
