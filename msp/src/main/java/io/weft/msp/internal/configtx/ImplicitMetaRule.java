package io.weft.msp.internal.configtx;

import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;

/** Fabric's implicit meta rule text: exactly two space-separated tokens, {@code ANY|ALL|MAJORITY <SubPolicy>}. */
public final class ImplicitMetaRule {
    private ImplicitMetaRule() {}

    /**
     * @throws IllegalArgumentException saying what is wrong, in Fabric's words
     */
    public static ImplicitMetaPolicy parse(String rule) {
        String[] tokens = rule.split(" ", -1);
        if (tokens.length != 2) {
            throw new IllegalArgumentException("expected two space separated tokens, but got " + tokens.length);
        }
        ImplicitMetaPolicy.Rule kind =
                switch (tokens[0]) {
                    case "ANY" -> ImplicitMetaPolicy.Rule.ANY;
                    case "ALL" -> ImplicitMetaPolicy.Rule.ALL;
                    case "MAJORITY" -> ImplicitMetaPolicy.Rule.MAJORITY;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown rule type '" + tokens[0] + "', expected ALL, ANY, or MAJORITY");
                };
        if (tokens[1].isEmpty()) {
            throw new IllegalArgumentException("the sub-policy name is empty");
        }
        return ImplicitMetaPolicy.newBuilder()
                .setRule(kind)
                .setSubPolicy(tokens[1])
                .build();
    }
}
