package io.weft.peer.scc;

import java.util.Optional;

/**
 * Keys of the {@code _lifecycle} namespace. The committed definitions use Fabric's layout
 * ({@code core/chaincode/lifecycle/lifecycle.go}): {@code namespaces/metadata/<name>} and
 * {@code namespaces/fields/<name>/<Field>}.
 *
 * <p>Org approvals are Weft's own keys, in public state, because Weft has no private data (so no implicit org
 * collections): {@code weft/approvals/<MSPID>/<name>#<sequence>} holds the approved parameters
 * ({@code ApproveChaincodeDefinitionForMyOrgArgs} without its source, defaults filled) and
 * {@code weft/sources/<MSPID>/<name>#<sequence>} the org's {@code ChaincodeSource} (its local package id). Only
 * the approving org's peers endorse those writes, so the committer must validate a {@code _lifecycle} transaction
 * that writes only one org's approval keys with that org's {@code /Channel/Application/<Org>/Endorsement} policy
 * (Fabric's rule for writes to an implicit org collection), not with {@code LifecycleEndorsement}; see
 * {@link #approvalOwner}.
 */
public final class LifecycleKeys {
    /** The namespace of {@code _lifecycle}. */
    public static final String NAMESPACE = "_lifecycle";

    static final String METADATA_PREFIX = "namespaces/metadata/";
    static final String FIELDS_PREFIX = "namespaces/fields/";
    static final String APPROVALS_PREFIX = "weft/approvals/";
    static final String SOURCES_PREFIX = "weft/sources/";

    private LifecycleKeys() {}

    public static String metadataKey(String name) {
        return METADATA_PREFIX + name;
    }

    public static String fieldKey(String name, String field) {
        return FIELDS_PREFIX + name + "/" + field;
    }

    /** Where an org's approval of a definition's parameters is kept. */
    public static String approvalKey(String mspId, String name, long sequence) {
        return APPROVALS_PREFIX + mspId + "/" + name + "#" + sequence;
    }

    /** Where an org's chaincode source (local package id) for a definition is kept. */
    public static String sourceKey(String mspId, String name, long sequence) {
        return SOURCES_PREFIX + mspId + "/" + name + "#" + sequence;
    }

    /**
     * The MSP ID whose approval a {@code _lifecycle} key belongs to, when it is an approval or source key. A
     * {@code _lifecycle} transaction whose writes all belong to one org is an approval by that org: validate it with
     * that org's Endorsement policy.
     */
    public static Optional<String> approvalOwner(String key) {
        String rest;
        if (key.startsWith(APPROVALS_PREFIX)) {
            rest = key.substring(APPROVALS_PREFIX.length());
        } else if (key.startsWith(SOURCES_PREFIX)) {
            rest = key.substring(SOURCES_PREFIX.length());
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        return slash > 0 ? Optional.of(rest.substring(0, slash)) : Optional.empty();
    }

    /** The first key after every key starting with {@code prefix} (keys compare as unsigned UTF-8 bytes). */
    static String prefixEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}
