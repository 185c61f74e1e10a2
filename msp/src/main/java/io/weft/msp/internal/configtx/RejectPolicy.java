package io.weft.msp.internal.configtx;

import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import java.util.List;

/** What Fabric puts where an implicit meta policy names a sub-policy that a child group does not define. */
record RejectPolicy(String path) implements Policy {
    @Override
    public PolicyResult evaluate(List<SignedData> signatures) {
        return PolicyResult.failed("policy " + path + " is not defined, so it rejects every request");
    }

    @Override
    public String describe() {
        return "reject (" + path + " is not defined)";
    }
}
