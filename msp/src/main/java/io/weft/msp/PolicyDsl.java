package io.weft.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Fabric's signature policy language: {@code AND(...)}, {@code OR(...)}, {@code OutOf(n, ...)} (any case as Fabric
 * accepts: {@code and}, {@code outof}) over principals {@code 'MSPID.role'} with role member, admin, client, peer or
 * orderer. Principals are numbered in order of appearance, one per occurrence, as Fabric's parser does.
 */
public final class PolicyDsl {
    private static final Pattern PRINCIPAL =
            Pattern.compile("^([A-Za-z0-9.\\-]+)\\.(member|admin|client|peer|orderer)$");

    private final String text;
    private final List<MSPPrincipal> principals = new ArrayList<>();
    private int pos;

    private PolicyDsl(String text) {
        this.text = text;
    }

    /**
     * Parses a policy expression.
     *
     * @throws MspException naming the position and what was expected
     */
    public static SignaturePolicyEnvelope parse(String expression) {
        PolicyDsl parser = new PolicyDsl(expression);
        parser.skipSpace();
        SignaturePolicy rule = parser.gate();
        parser.skipSpace();
        if (parser.pos != expression.length()) {
            throw parser.error("unexpected text after the policy");
        }
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addAllIdentities(parser.principals)
                .build();
    }

    private SignaturePolicy gate() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        skipSpace();
        expect('(');
        String gate = name.toLowerCase(Locale.ROOT);
        if (!gate.equals("and") && !gate.equals("or") && !gate.equals("outof")) {
            pos = start;
            throw error("unrecognized token '" + name + "' (expected AND, OR or OutOf)");
        }
        int required = -1;
        if (gate.equals("outof")) {
            required = number();
            skipSpace();
            expect(',');
        }
        List<SignaturePolicy> rules = new ArrayList<>();
        do {
            skipSpace();
            rules.add(argument());
            skipSpace();
        } while (accept(','));
        expect(')');
        if (gate.equals("and")) {
            required = rules.size();
        } else if (gate.equals("or")) {
            required = 1;
        } else if (required > rules.size()) {
            throw error("OutOf(" + required + ", ...) has only " + rules.size() + " sub-policies");
        }
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(required).addAllRules(rules))
                .build();
    }

    private SignaturePolicy argument() {
        if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated principal string");
            }
            String value = text.substring(pos, end);
            Matcher matcher = PRINCIPAL.matcher(value);
            if (!matcher.matches()) {
                throw error("principal '" + value + "' is not of the form 'MSPID.role' with role member, admin,"
                        + " client, peer or orderer");
            }
            pos = end + 1;
            principals.add(rolePrincipal(matcher.group(1), matcher.group(2)));
            return SignaturePolicy.newBuilder()
                    .setSignedBy(principals.size() - 1)
                    .build();
        }
        return gate();
    }

    private static MSPPrincipal rolePrincipal(String mspId, String role) {
        MSPRole.MSPRoleType type = MSPRole.MSPRoleType.valueOf(role.toUpperCase(Locale.ROOT));
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(mspId)
                        .setRole(type)
                        .build()
                        .toByteString())
                .build();
    }

    private int number() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private MspException error(String message) {
        return new MspException("policy \"" + text + "\" at position " + pos + ": " + message);
    }

    /** Renders a policy back in the policy language. */
    public static String render(SignaturePolicyEnvelope envelope) {
        return render(envelope.getRule(), envelope.getIdentitiesList());
    }

    private static String render(SignaturePolicy rule, List<MSPPrincipal> principals) {
        if (rule.hasNOutOf()) {
            List<String> parts = new ArrayList<>();
            for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
                parts.add(render(sub, principals));
            }
            int n = rule.getNOutOf().getN();
            String joined = String.join(", ", parts);
            if (n == 1) {
                return "OR(" + joined + ")";
            }
            return n == parts.size() ? "AND(" + joined + ")" : "OutOf(" + n + ", " + joined + ")";
        }
        int index = rule.getSignedBy();
        return index >= 0 && index < principals.size() ? renderPrincipal(principals.get(index)) : "#" + index;
    }

    /** A principal as the policy language writes it, or a description for classifications it cannot write. */
    public static String renderPrincipal(MSPPrincipal principal) {
        try {
            return switch (principal.getPrincipalClassification()) {
                case ROLE -> {
                    MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                    yield "'" + role.getMspIdentifier() + "."
                            + role.getRole().name().toLowerCase(Locale.ROOT) + "'";
                }
                case ORGANIZATION_UNIT -> {
                    OrganizationUnit unit = OrganizationUnit.parseFrom(principal.getPrincipal());
                    yield "OU '" + unit.getOrganizationalUnitIdentifier() + "' of " + unit.getMspIdentifier();
                }
                case IDENTITY ->
                    "identity of "
                            + SerializedIdentity.parseFrom(principal.getPrincipal())
                                    .getMspid();
                default -> principal.getPrincipalClassification().name().toLowerCase(Locale.ROOT) + " principal";
            };
        } catch (InvalidProtocolBufferException e) {
            return "malformed " + principal.getPrincipalClassification() + " principal";
        }
    }
}
