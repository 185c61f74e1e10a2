package io.weft.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * A compiled {@code SignaturePolicyEnvelope}, evaluated as Fabric's cauthdsl does: signatures are deserialized,
 * deduplicated by identity and verified (bad ones are dropped and explained); then the rule tree is evaluated left to
 * right with a shared "used" bitmap, so that one identity satisfies at most one {@code signed_by} leaf.
 */
public final class SignaturePolicy implements Policy {
    private final SignaturePolicyEnvelope envelope;
    private final IdentityDeserializer deserializer;
    private final Rule rule;
    private final String description;

    private SignaturePolicy(SignaturePolicyEnvelope envelope, IdentityDeserializer deserializer) {
        this.envelope = envelope;
        this.deserializer = deserializer;
        this.rule = compile(envelope.getRule(), envelope.getIdentitiesList());
        this.description = PolicyDsl.render(envelope);
    }

    /**
     * Compiles a policy.
     *
     * @throws MspException when the envelope is not version 0 or its rule is malformed
     */
    public static SignaturePolicy compile(SignaturePolicyEnvelope envelope, IdentityDeserializer deserializer) {
        if (envelope.getVersion() != 0) {
            throw new MspException("signature policy version " + envelope.getVersion() + " is not supported (only 0)");
        }
        return new SignaturePolicy(envelope, deserializer);
    }

    /** Compiles a policy written in Fabric's policy language, e.g. {@code OR('Org1MSP.peer','Org2MSP.peer')}. */
    public static SignaturePolicy parse(String expression, IdentityDeserializer deserializer) {
        return compile(PolicyDsl.parse(expression), deserializer);
    }

    public SignaturePolicyEnvelope envelope() {
        return envelope;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public PolicyResult evaluate(List<SignedData> signatures) {
        List<Identity> identities = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Set<ByteString> seen = new HashSet<>();
        for (int i = 0; i < signatures.size(); i++) {
            SignedData signed = signatures.get(i);
            Identity identity;
            try {
                identity = deserializer.deserializeIdentity(signed.identity());
            } catch (MspException e) {
                rejected.add("signer #" + i + " not accepted: " + e.getMessage());
                continue;
            }
            if (!seen.add(identityKey(identity))) {
                rejected.add(identity.describe() + " signed more than once; counted once");
                continue;
            }
            try {
                identity.verify(signed.data().toByteArray(), signed.signature().toByteArray());
            } catch (MspException e) {
                rejected.add(identity.describe() + ": " + e.getMessage());
                continue;
            }
            identities.add(identity);
        }
        if (rule.evaluate(identities, new boolean[identities.size()])) {
            return PolicyResult.ok();
        }
        return PolicyResult.failed(() -> explain(identities, rejected));
    }

    private String explain(List<Identity> identities, List<String> rejected) {
        StringBuilder out =
                new StringBuilder("signature policy ").append(description).append(" is not satisfied");
        Set<String> principals = new LinkedHashSet<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            principals.add(PolicyDsl.renderPrincipal(principal));
        }
        out.append("; principals required: ").append(principals);
        if (identities.isEmpty() && rejected.isEmpty()) {
            out.append("; no signatures were given");
        }
        for (Identity identity : identities) {
            out.append("; ").append(identity.describe()).append(" (valid signature): ");
            List<String> reasons = new ArrayList<>();
            for (MSPPrincipal principal : new LinkedHashSet<>(envelope.getIdentitiesList())) {
                String name = PolicyDsl.renderPrincipal(principal);
                try {
                    deserializer.satisfiesPrincipal(identity, principal);
                    reasons.add("satisfies " + name);
                } catch (MspException e) {
                    String reason = e.getMessage();
                    String prefix = identity.describe() + " ";
                    reasons.add("not " + name + ": "
                            + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
                }
            }
            out.append(String.join(", ", reasons));
        }
        for (String reason : rejected) {
            out.append("; ").append(reason);
        }
        return out.toString();
    }

    private static ByteString identityKey(Identity identity) {
        try {
            return ByteString.copyFromUtf8(identity.mspId() + "\0")
                    .concat(ByteString.copyFrom(identity.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new MspException("cannot encode certificate of " + identity.describe(), e);
        }
    }

    /** One node of the compiled rule tree. */
    private interface Rule {
        boolean evaluate(List<Identity> identities, boolean[] used);
    }

    private Rule compile(org.hyperledger.fabric.protos.common.SignaturePolicy policy, List<MSPPrincipal> principals) {
        switch (policy.getTypeCase()) {
            case SIGNED_BY -> {
                int index = policy.getSignedBy();
                if (index < 0 || index >= principals.size()) {
                    throw new MspException("signature policy refers to identity " + index + " but has only "
                            + principals.size() + " identities");
                }
                MSPPrincipal principal = principals.get(index);
                String roleMsp = roleMspId(principal);
                return (identities, used) -> {
                    for (int i = 0; i < identities.size(); i++) {
                        if (used[i]
                                || (roleMsp != null
                                        && !roleMsp.equals(identities.get(i).mspId()))) {
                            continue; // used, or of another MSP than the role's: no need to ask the MSP
                        }
                        try {
                            deserializer.satisfiesPrincipal(identities.get(i), principal);
                            used[i] = true;
                            return true;
                        } catch (MspException e) {
                            // this identity does not match; try the next one
                        }
                    }
                    return false;
                };
            }
            case N_OUT_OF -> {
                int required = policy.getNOutOf().getN();
                List<Rule> rules = new ArrayList<>();
                for (org.hyperledger.fabric.protos.common.SignaturePolicy sub :
                        policy.getNOutOf().getRulesList()) {
                    rules.add(compile(sub, principals));
                }
                return (identities, used) -> {
                    int verified = 0;
                    boolean[] scratch = new boolean[used.length];
                    for (Rule sub : rules) {
                        System.arraycopy(used, 0, scratch, 0, used.length);
                        if (sub.evaluate(identities, scratch)) {
                            verified++;
                            System.arraycopy(scratch, 0, used, 0, used.length);
                        }
                    }
                    return verified >= required;
                };
            }
            default -> throw new MspException("malformed signature policy: a rule has neither signed_by nor n_out_of");
        }
    }

    /** The MSP a ROLE principal names (checked to decode), or null for other classifications. */
    private static String roleMspId(MSPPrincipal principal) {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
            return null;
        }
        try {
            return MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("malformed MSPRole principal: " + e.getMessage(), e);
        }
    }
}
