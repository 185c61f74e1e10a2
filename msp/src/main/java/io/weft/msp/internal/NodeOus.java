package io.weft.msp.internal;

import io.weft.msp.MspException;
import io.weft.msp.NodeRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;

/** NodeOU classification: with NodeOUs enabled every identity carries exactly one of the configured role OUs. */
final class NodeOus {
    private final boolean enabled;
    private final Map<NodeRole, OuIdentifier> roles;

    private NodeOus(boolean enabled, Map<NodeRole, OuIdentifier> roles) {
        this.enabled = enabled;
        this.roles = roles;
    }

    static NodeOus from(FabricMSPConfig config, X509Msp msp) {
        FabricNodeOUs nodeOus = config.getFabricNodeOus();
        Map<NodeRole, OuIdentifier> roles = new EnumMap<>(NodeRole.class);
        if (!config.hasFabricNodeOus() || !nodeOus.getEnable()) {
            return new NodeOus(false, roles);
        }
        if (!nodeOus.hasClientOuIdentifier() || !nodeOus.hasPeerOuIdentifier()) {
            throw new MspException("NodeOUs are enabled but ClientOUIdentifier or PeerOUIdentifier is missing");
        }
        put(roles, NodeRole.CLIENT, nodeOus.getClientOuIdentifier(), msp, "ClientOUIdentifier");
        put(roles, NodeRole.PEER, nodeOus.getPeerOuIdentifier(), msp, "PeerOUIdentifier");
        if (nodeOus.hasAdminOuIdentifier()) {
            put(roles, NodeRole.ADMIN, nodeOus.getAdminOuIdentifier(), msp, "AdminOUIdentifier");
        }
        if (nodeOus.hasOrdererOuIdentifier()) {
            put(roles, NodeRole.ORDERER, nodeOus.getOrdererOuIdentifier(), msp, "OrdererOUIdentifier");
        }
        return new NodeOus(true, roles);
    }

    private static void put(
            Map<NodeRole, OuIdentifier> roles, NodeRole role, FabricOUIdentifier identifier, X509Msp msp, String what) {
        if (identifier.getOrganizationalUnitIdentifier().isEmpty()) {
            throw new MspException("NodeOUs " + what + " has no OrganizationalUnitIdentifier");
        }
        roles.put(role, OuIdentifier.from(identifier, msp, "NodeOUs " + what));
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The role of an identity with the given OUs, or empty when NodeOUs are off.
     *
     * @throws MspException when NodeOUs are on and the identity has no role OU, or more than one
     */
    Optional<NodeRole> roleOf(List<String> units, byte[] certifiers, String who) {
        if (!enabled) {
            return Optional.empty();
        }
        List<NodeRole> matched = new ArrayList<>();
        for (Map.Entry<NodeRole, OuIdentifier> entry : roles.entrySet()) {
            if (entry.getValue().matches(units, certifiers)) {
                matched.add(entry.getKey());
            }
        }
        if (matched.isEmpty()) {
            throw new MspException(
                    who + " carries none of the NodeOU role units " + roleUnits() + " (its OUs are " + units + ")");
        }
        if (matched.size() > 1) {
            throw new MspException(who + " carries several NodeOU roles " + matched
                    + "; an identity must be exactly one of client, peer, admin or orderer");
        }
        return Optional.of(matched.get(0));
    }

    private List<String> roleUnits() {
        return roles.values().stream().map(OuIdentifier::unit).toList();
    }
}
