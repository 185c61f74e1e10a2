package io.weft.msp.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import io.weft.msp.Pem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Whether a validated identity satisfies an {@code MSPPrincipal}, with Fabric's rules for each classification. */
final class PrincipalMatcher {
    private final X509Msp msp;

    PrincipalMatcher(X509Msp msp) {
        this.msp = msp;
    }

    void check(X509Identity identity, MSPPrincipal principal) {
        try {
            switch (principal.getPrincipalClassification()) {
                case ROLE -> checkRole(identity, MSPRole.parseFrom(principal.getPrincipal()));
                case IDENTITY -> checkIdentity(identity, principal.getPrincipal());
                case ORGANIZATION_UNIT -> checkUnit(identity, OrganizationUnit.parseFrom(principal.getPrincipal()));
                case COMBINED -> {
                    CombinedPrincipal combined = CombinedPrincipal.parseFrom(principal.getPrincipal());
                    if (combined.getPrincipalsCount() == 0) {
                        throw MspException.noStack("combined principal has no principals");
                    }
                    for (MSPPrincipal inner : combined.getPrincipalsList()) {
                        check(identity, inner);
                    }
                }
                case ANONYMITY -> checkAnonymity(MSPIdentityAnonymity.parseFrom(principal.getPrincipal()));
                default ->
                    throw MspException.noStack(
                            "unknown principal classification " + principal.getPrincipalClassificationValue());
            }
        } catch (InvalidProtocolBufferException e) {
            throw MspException.noStack(
                    "malformed " + principal.getPrincipalClassification() + " principal: " + e.getMessage(), e);
        }
    }

    private void checkRole(X509Identity identity, MSPRole role) {
        requireSameMsp(identity, role.getMspIdentifier());
        switch (role.getRole()) {
            case MEMBER -> {
                // any valid identity of the MSP: validation happened when the identity was made
            }
            case ADMIN -> {
                if (!identity.isAdmin()) {
                    throw MspException.noStack("is not an admin of " + role.getMspIdentifier() + " (not in admincerts"
                            + identity.nodeRole()
                                    .map(r -> ", role is " + r.policyName())
                                    .orElse("") + ")");
                }
            }
            case CLIENT -> requireNodeRole(identity, NodeRole.CLIENT);
            case PEER -> requireNodeRole(identity, NodeRole.PEER);
            case ORDERER -> requireNodeRole(identity, NodeRole.ORDERER);
            default -> throw MspException.noStack("unknown MSP role " + role.getRoleValue());
        }
    }

    private void requireNodeRole(X509Identity identity, NodeRole wanted) {
        if (identity.nodeRole().isEmpty()) {
            throw MspException.noStack("cannot be classified as " + wanted.policyName()
                    + ": NodeOUs are not enabled in MSP " + identity.mspId());
        }
        NodeRole actual = identity.nodeRole().get();
        if (actual != wanted) {
            throw MspException.noStack("is a " + actual.policyName() + ", not a " + wanted.policyName());
        }
    }

    private void checkIdentity(X509Identity identity, ByteString principal) {
        ByteString canonical = SerializedIdentity.newBuilder()
                .setMspid(identity.mspId())
                .setIdBytes(ByteString.copyFrom(Pem.encodeCertificate(identity.certificate()), StandardCharsets.UTF_8))
                .build()
                .toByteString();
        if (!canonical.equals(principal) && !identity.serialized().equals(principal)) {
            throw MspException.noStack("is not the identity the principal names");
        }
    }

    private void checkUnit(X509Identity identity, OrganizationUnit unit) {
        requireSameMsp(identity, unit.getMspIdentifier());
        boolean unitMatches = identity.organizationalUnits().contains(unit.getOrganizationalUnitIdentifier());
        if (!unitMatches
                || !Arrays.equals(
                        identity.certifiersIdentifier(),
                        unit.getCertifiersIdentifier().toByteArray())) {
            throw MspException.noStack("does not carry organizational unit " + unit.getOrganizationalUnitIdentifier()
                    + " certified by the principal's CA");
        }
    }

    private static void checkAnonymity(MSPIdentityAnonymity anonymity) {
        if (anonymity.getAnonymityType() != MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL) {
            throw MspException.noStack("X.509 identities are never anonymous");
        }
    }

    private void requireSameMsp(X509Identity identity, String principalMspId) {
        if (!principalMspId.equals(identity.mspId()) || !principalMspId.equals(msp.mspId())) {
            throw MspException.noStack(
                    "is of MSP " + identity.mspId() + ", the principal requires MSP " + principalMspId);
        }
    }
}
