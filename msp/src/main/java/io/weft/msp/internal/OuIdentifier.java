package io.weft.msp.internal;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;

/** An organizational unit value, optionally tied to the CA that must have certified it. */
record OuIdentifier(String unit, ByteString certifiersIdentifier) {

    static OuIdentifier from(FabricOUIdentifier identifier, X509Msp msp, String what) {
        ByteString certifiers = identifier.getCertificate().isEmpty()
                ? ByteString.EMPTY
                : ByteString.copyFrom(
                        msp.certifiersIdentifierOfCa(identifier.getCertificate().toByteArray(), what));
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
                && (certifiersIdentifier.isEmpty()
                        || Arrays.equals(certifiersIdentifier.toByteArray(), identityCertifiers));
    }

    @Override
    public String toString() {
        return unit;
    }
}
