package io.weft.msp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule;

/**
 * Fabric's implicit meta policy: ANY, ALL or MAJORITY of the policies of the same name in the child groups. With no
 * children the policy is satisfied, as on Fabric.
 */
public final class ImplicitMetaPolicy implements Policy {
    private final Rule rule;
    private final String subPolicyName;
    private final Map<String, Policy> subPolicies;
    private final int threshold;

    /**
     * @param subPolicies the sub-policy of each child group, keyed by the group's name (iteration order is kept)
     */
    public ImplicitMetaPolicy(Rule rule, String subPolicyName, Map<String, Policy> subPolicies) {
        this.rule = rule;
        this.subPolicyName = subPolicyName;
        this.subPolicies = subPolicies;
        int count = subPolicies.size();
        this.threshold = switch (rule) {
            case ANY -> count == 0 ? 0 : 1;
            case ALL -> count;
            case MAJORITY -> count == 0 ? 0 : count / 2 + 1;
            case UNRECOGNIZED -> throw new MspException("unknown implicit meta policy rule");
        };
    }

    @Override
    public PolicyResult evaluate(List<SignedData> signatures) {
        int remaining = threshold;
        if (remaining == 0) {
            return PolicyResult.ok();
        }
        Map<String, PolicyResult> failures = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Policy> entry : subPolicies.entrySet()) {
            PolicyResult result = entry.getValue().evaluate(signatures);
            if (result.satisfied()) {
                remaining--;
                if (remaining == 0) {
                    return PolicyResult.ok();
                }
            } else {
                failures.put(entry.getKey(), result);
            }
        }
        int satisfied = threshold - remaining;
        return PolicyResult.failed(() -> {
            List<String> reasons = new ArrayList<>();
            failures.forEach((org, result) -> reasons.add(org + "/" + subPolicyName + ": " + result.explanation()));
            return "implicit policy " + describe() + " requires " + threshold + " of " + subPolicies.size() + " '"
                    + subPolicyName + "' sub-policies of " + subPolicies.keySet() + ", " + satisfied
                    + " satisfied; " + String.join("; ", reasons);
        });
    }

    public int threshold() {
        return threshold;
    }

    @Override
    public String describe() {
        return rule + " " + subPolicyName;
    }
}
