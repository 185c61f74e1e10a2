package io.weft.msp;

import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A certificate subject with the attributes Fabric's tools set, encoded in Go's order (C, ST, L, street, postal code,
 * O, OU, CN) so that certificates look exactly like the ones Fabric's cryptogen makes.
 */
public record Subject(
        String country,
        String province,
        String locality,
        String streetAddress,
        String postalCode,
        String organization,
        List<String> organizationalUnits,
        String commonName) {

    public Subject {
        organizationalUnits = List.copyOf(organizationalUnits);
    }

    /** A subject with only a common name and organization. */
    public static Subject of(String organization, String commonName) {
        return new Subject("", "", "", "", "", organization, List.of(), commonName);
    }

    public Subject withCommonName(String name) {
        return new Subject(
                country, province, locality, streetAddress, postalCode, organization, organizationalUnits, name);
    }

    public Subject withOrganizationalUnits(List<String> units) {
        return new Subject(country, province, locality, streetAddress, postalCode, organization, units, commonName);
    }

    public X500Name toX500Name() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        add(builder, BCStyle.C, country);
        add(builder, BCStyle.ST, province);
        add(builder, BCStyle.L, locality);
        add(builder, BCStyle.STREET, streetAddress);
        add(builder, BCStyle.POSTAL_CODE, postalCode);
        add(builder, BCStyle.O, organization);
        for (String unit : organizationalUnits) {
            add(builder, BCStyle.OU, unit);
        }
        add(builder, BCStyle.CN, commonName);
        return builder.build();
    }

    private static void add(X500NameBuilder builder, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, String value) {
        if (value != null && !value.isEmpty()) {
            builder.addRDN(oid, value);
        }
    }
}
