package io.weft.msp;

import java.util.function.Supplier;

/**
 * The outcome of evaluating a policy. A failed evaluation explains itself: which principals were required, which
 * identities were seen and why each did not count. The explanation is written only when asked for: callers such as
 * the gateway evaluate a policy that is expected to fail until enough endorsements are in, and describing every
 * certificate for a message nobody reads costs more than the evaluation.
 */
public final class PolicyResult {
    private static final PolicyResult SATISFIED = new PolicyResult(true, () -> "satisfied");

    private final boolean satisfied;
    private Supplier<String> explainer;
    private String explanation;

    private PolicyResult(boolean satisfied, Supplier<String> explainer) {
        this.satisfied = satisfied;
        this.explainer = explainer;
    }

    public static PolicyResult ok() {
        return SATISFIED;
    }

    public static PolicyResult failed(String explanation) {
        return new PolicyResult(false, () -> explanation);
    }

    /** A failure whose explanation is written when first asked for. */
    public static PolicyResult failed(Supplier<String> explanation) {
        return new PolicyResult(false, explanation);
    }

    public boolean satisfied() {
        return satisfied;
    }

    public synchronized String explanation() {
        if (explanation == null) {
            explanation = explainer.get();
            explainer = null;
        }
        return explanation;
    }

    @Override
    public String toString() {
        return satisfied ? "PolicyResult[satisfied]" : "PolicyResult[failed: " + explanation() + "]";
    }
}
