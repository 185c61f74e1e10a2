package io.weft.msp.internal.configtx;

import io.weft.msp.IdentityDeserializer;
import io.weft.msp.ImplicitMetaPolicy;
import io.weft.msp.MspException;
import io.weft.msp.Policy;
import io.weft.msp.SignaturePolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Compiles every policy of a config tree, children before parents: {@code SIGNATURE} policies against the channel's
 * MSPs, {@code IMPLICIT_META} policies over the same-named policy of each child group (a child without it contributes a
 * policy that rejects, as on Fabric). Groups are visited in name order so that evaluation order is deterministic.
 */
public final class PolicyTree {
    private static final int TYPE_SIGNATURE = org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE;
    private static final int TYPE_MSP = org.hyperledger.fabric.protos.common.Policy.PolicyType.MSP_VALUE;
    private static final int TYPE_IMPLICIT_META =
            org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE;

    private final IdentityDeserializer msps;
    private final Map<String, Policy> byPath = new TreeMap<>();

    private PolicyTree(IdentityDeserializer msps) {
        this.msps = msps;
    }

    /**
     * @param rootPath the path of the root group, {@code /Channel}
     * @return every policy keyed by its absolute path, e.g. {@code /Channel/Application/Org1MSP/Endorsement}
     * @throws MspException naming the policy path that does not compile
     */
    public static Map<String, Policy> compile(String rootPath, ConfigGroup root, IdentityDeserializer msps) {
        PolicyTree tree = new PolicyTree(msps);
        tree.group(rootPath, root);
        return Map.copyOf(tree.byPath);
    }

    private Map<String, Policy> group(String path, ConfigGroup group) {
        Map<String, Map<String, Policy>> children = new TreeMap<>();
        for (Map.Entry<String, ConfigGroup> child : new TreeMap<>(group.getGroupsMap()).entrySet()) {
            children.put(child.getKey(), group(path + "/" + child.getKey(), child.getValue()));
        }
        Map<String, Policy> own = new TreeMap<>();
        for (Map.Entry<String, ConfigPolicy> entry : new TreeMap<>(group.getPoliciesMap()).entrySet()) {
            String policyPath = path + "/" + entry.getKey();
            Policy policy = policy(policyPath, entry.getValue().getPolicy(), path, children);
            own.put(entry.getKey(), policy);
            byPath.put(policyPath, policy);
        }
        return own;
    }

    private Policy policy(
            String policyPath,
            org.hyperledger.fabric.protos.common.Policy policy,
            String groupPath,
            Map<String, Map<String, Policy>> children) {
        int type = policy.getType();
        if (type == TYPE_SIGNATURE) {
            SignaturePolicyEnvelope envelope =
                    ConfigValues.decode(policy.getValue(), policyPath, SignaturePolicyEnvelope.parser());
            try {
                return SignaturePolicy.compile(envelope, msps);
            } catch (MspException e) {
                throw new MspException("channel config policy " + policyPath + ": " + e.getMessage(), e);
            }
        }
        if (type == TYPE_IMPLICIT_META) {
            org.hyperledger.fabric.protos.common.ImplicitMetaPolicy meta = ConfigValues.decode(
                    policy.getValue(), policyPath, org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.parser());
            if (meta.getRule() == org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.UNRECOGNIZED) {
                throw new MspException("channel config policy " + policyPath + " has an unknown implicit meta rule "
                        + meta.getRuleValue() + "; expected ANY, ALL or MAJORITY");
            }
            Map<String, Policy> subPolicies = new LinkedHashMap<>();
            children.forEach((name, policies) -> subPolicies.put(
                    name,
                    policies.getOrDefault(
                            meta.getSubPolicy(),
                            new RejectPolicy(groupPath + "/" + name + "/" + meta.getSubPolicy()))));
            return new ImplicitMetaPolicy(meta.getRule(), meta.getSubPolicy(), subPolicies);
        }
        String kind = type == TYPE_MSP ? "MSP (type 2), which Fabric never implemented" : "unknown (type " + type + ")";
        throw new MspException("channel config policy " + policyPath + " has policy type " + kind
                + "; expected SIGNATURE (1) or IMPLICIT_META (3)");
    }
}
