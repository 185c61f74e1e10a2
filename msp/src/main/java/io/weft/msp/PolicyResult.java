package io.weft.msp;

/**
 * The outcome of evaluating a policy. A failed evaluation explains itself: which principals were required, which
 * identities were seen and why each did not count.
 */
public record PolicyResult(boolean satisfied, String explanation) {
    private static final PolicyResult SATISFIED = new PolicyResult(true, "satisfied");

    public static PolicyResult ok() {
        return SATISFIED;
    }

    public static PolicyResult failed(String explanation) {
        return new PolicyResult(false, explanation);
    }
}
