package io.weft.peer.committer;

import static io.weft.peer.committer.TransactionValidator.parse;

import com.google.protobuf.ByteString;
import io.weft.msp.Policy;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The endorsement phase of validation (Fabric's "vscc" dispatch and its v20 state-based validator,
 * fabric-protocol.md §4.2): decode the header extension, the chaincode action and its read-write set, check the
 * chaincode identity and events, then check the endorsements, as {@code SignedData{prpBytes || endorser, endorser,
 * signature}}, for the invoked chaincode and every namespace the transaction writes. Namespaces are checked in a fixed
 * order (the invoked chaincode, then the others sorted) so the code assigned never depends on iteration order.
 *
 * <p>Within a namespace, as Fabric: every key the transaction writes or whose metadata it writes is checked against
 * its key-level policy (the {@code VALIDATION_PARAMETER} of committed state) when it has one; the namespace's
 * (chaincode's) policy must hold when some written key has none, or when the transaction writes no key of the
 * namespace. Changes of key-level policies by earlier transactions of the same block are the {@link BlockValidator}'s
 * to check, in block order.
 */
final class EndorsementCheck {

    /**
     * What a transaction that passed the checks invoked and writes.
     *
     * @param chaincode {@code name:version} of the chaincode action
     * @param rwSet the transaction's decoded read-write set (handed on to the ledger)
     */
    record Result(boolean writesLifecycle, String chaincode, TxOutcome.KeyWrites keys, TxReadWriteSet rwSet) {}

    /**
     * Runs the checks.
     *
     * @throws TransactionValidator.Invalid with the code and reason of the first failing check
     */
    Result check(
            ChannelHeader channelHeader,
            ChaincodeEndorsedAction endorsed,
            ProposalResponsePayload responsePayload,
            ValidationContext context)
            throws TransactionValidator.Invalid {
        ChaincodeHeaderExtension extension = parse(
                ChaincodeHeaderExtension.parser(),
                channelHeader.getExtension(),
                TxValidationCode.BAD_HEADER_EXTENSION,
                "chaincode header extension");
        ChaincodeAction action = parse(
                ChaincodeAction.parser(),
                responsePayload.getExtension(),
                TxValidationCode.BAD_RESPONSE_PAYLOAD,
                "chaincode action");
        TxReadWriteSet rwSet =
                parse(TxReadWriteSet.parser(), action.getResults(), TxValidationCode.BAD_RWSET, "read-write set");
        List<NamespaceWrites> decoded = decode(rwSet);
        String chaincode = checkChaincodeId(extension, action);
        Set<String> written = writtenNamespaces(decoded);
        List<String> namespaces = new ArrayList<>();
        namespaces.add(chaincode);
        for (String namespace : new TreeSet<>(written)) {
            if (!namespace.equals(chaincode)) {
                namespaces.add(namespace);
            }
        }
        Endorsements endorsements = new Endorsements(signedData(endorsed, endorsed.getProposalResponsePayload()));
        boolean changesKeyPolicies = false;
        for (String namespace : namespaces) {
            NamespaceWrites writes = decoded.stream()
                    .filter(ns -> ns.namespace().equals(namespace))
                    .findFirst()
                    .orElse(NamespaceWrites.NONE);
            changesKeyPolicies |= checkNamespace(namespace, writes, endorsements, context);
        }
        List<TxOutcome.StateKey> keys = new ArrayList<>();
        List<TxOutcome.StateKey> metadataKeys = new ArrayList<>();
        for (NamespaceWrites ns : decoded) {
            ns.valueKeys().forEach(k -> keys.add(new TxOutcome.StateKey(ns.namespace(), k)));
            ns.metadataKeys().forEach(k -> {
                keys.add(new TxOutcome.StateKey(ns.namespace(), k));
                metadataKeys.add(new TxOutcome.StateKey(ns.namespace(), k));
            });
        }
        return new Result(
                written.contains(LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE),
                chaincode + ":" + action.getChaincodeId().getVersion(),
                new TxOutcome.KeyWrites(keys, metadataKeys, changesKeyPolicies || !metadataKeys.isEmpty()),
                rwSet);
    }

    /**
     * Checks the endorsements for one namespace.
     *
     * @return whether the transaction deletes a key that has a key-level policy
     */
    private static boolean checkNamespace(
            String namespace, NamespaceWrites writes, Endorsements endorsements, ValidationContext context)
            throws TransactionValidator.Invalid {
        List<String> keys = writes.keys();
        ValidationContext.NamespacePolicy policy = namespacePolicy(namespace, keys, context);
        if (policy.policy() == null && policy.failure() != TxValidationCode.ENDORSEMENT_POLICY_FAILURE) {
            // no such chaincode, or an unsupported validation plugin: nothing of the namespace can be validated
            throw new TransactionValidator.Invalid(policy.failure(), policy.reason());
        }
        boolean namespaceChecked = false;
        boolean deletesGuardedKey = false;
        for (String key : keys) {
            ValidationContext.KeyPolicy keyPolicy = context.keyPolicy(namespace, key);
            if (keyPolicy.isNone()) {
                if (!namespaceChecked) {
                    requireNamespacePolicy(namespace, policy, endorsements);
                    namespaceChecked = true;
                }
                continue;
            }
            deletesGuardedKey |= writes.deletedKeys().contains(key);
            if (keyPolicy.policy() == null) {
                throw new TransactionValidator.Invalid(
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "the key-level endorsement policy (VALIDATION_PARAMETER) of key " + key + " of namespace "
                                + namespace + " cannot be satisfied: " + keyPolicy.problem());
            }
            PolicyResult result = endorsements.evaluate(keyPolicy);
            if (!result.satisfied()) {
                throw new TransactionValidator.Invalid(
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "endorsements do not satisfy the key-level endorsement policy of key " + key
                                + " of namespace " + namespace + " ("
                                + keyPolicy.policy().describe() + "): "
                                + result.explanation());
            }
        }
        if (!namespaceChecked && (keys.isEmpty() || writes.privateWrites())) {
            // as Fabric: the namespace's policy holds at least once when no key-level policy was checked, and for
            // private data writes (Weft has no collection-level policies)
            requireNamespacePolicy(namespace, policy, endorsements);
        }
        return deletesGuardedKey;
    }

    private static ValidationContext.NamespacePolicy namespacePolicy(
            String namespace, List<String> keys, ValidationContext context) {
        ValidationContext.NamespacePolicy policy = context.policy(namespace);
        if (namespace.equals(LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE) && !keys.isEmpty()) {
            policy = approvingOrg(keys).map(context::orgEndorsementPolicy).orElse(policy);
        }
        return policy;
    }

    private static void requireNamespacePolicy(
            String namespace, ValidationContext.NamespacePolicy policy, Endorsements endorsements)
            throws TransactionValidator.Invalid {
        if (policy.policy() == null) {
            throw new TransactionValidator.Invalid(policy.failure(), policy.reason());
        }
        PolicyResult result = endorsements.evaluate(policy.policy());
        if (!result.satisfied()) {
            throw new TransactionValidator.Invalid(
                    TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    "endorsements do not satisfy the endorsement policy of namespace " + namespace + " ("
                            + policy.source() + ", " + policy.policy().describe() + "): "
                            + result.explanation());
        }
    }

    /** The endorsements of one transaction; each distinct key-level policy is evaluated over them once. */
    private static final class Endorsements {
        private final List<SignedData> signatures;
        private final Map<ByteString, PolicyResult> byParameter = new HashMap<>();

        Endorsements(List<SignedData> signatures) {
            this.signatures = signatures;
        }

        PolicyResult evaluate(Policy policy) {
            return policy.evaluate(signatures);
        }

        PolicyResult evaluate(ValidationContext.KeyPolicy keyPolicy) {
            return byParameter.computeIfAbsent(keyPolicy.parameter(), p -> evaluate(keyPolicy.policy()));
        }
    }

    private static String checkChaincodeId(ChaincodeHeaderExtension extension, ChaincodeAction action)
            throws TransactionValidator.Invalid {
        if (!extension.hasChaincodeId()) {
            throw new TransactionValidator.Invalid(
                    TxValidationCode.INVALID_OTHER_REASON, "the header extension names no chaincode");
        }
        if (!action.hasChaincodeId()) {
            throw new TransactionValidator.Invalid(
                    TxValidationCode.INVALID_OTHER_REASON, "the chaincode action names no chaincode");
        }
        String name = extension.getChaincodeId().getName();
        if (name.isEmpty()) {
            throw new TransactionValidator.Invalid(TxValidationCode.INVALID_CHAINCODE, "invalid chaincode name ''");
        }
        if (!name.equals(action.getChaincodeId().getName())) {
            throw new TransactionValidator.Invalid(
                    TxValidationCode.INVALID_CHAINCODE,
                    "the proposal invoked chaincode " + name + " but the action is of chaincode "
                            + action.getChaincodeId().getName());
        }
        if (action.getChaincodeId().getVersion().isEmpty()) {
            throw new TransactionValidator.Invalid(
                    TxValidationCode.INVALID_CHAINCODE, "the chaincode action of " + name + " has no version");
        }
        if (!action.getEvents().isEmpty()) {
            ChaincodeEvent event = parse(
                    ChaincodeEvent.parser(),
                    action.getEvents(),
                    TxValidationCode.INVALID_OTHER_REASON,
                    "chaincode event");
            if (!event.getChaincodeId().equals(name)) {
                throw new TransactionValidator.Invalid(
                        TxValidationCode.INVALID_OTHER_REASON,
                        "the chaincode event is of chaincode '" + event.getChaincodeId() + "', not of " + name);
            }
        }
        return name;
    }

    /**
     * The writes of one namespace.
     *
     * @param writes whether it has public or private writes or metadata writes
     * @param privateWrites whether it has private (hashed) writes or metadata writes
     * @param valueKeys the public keys written (value or delete), in rwset order
     * @param metadataKeys the public keys whose metadata is written, in rwset order
     * @param deletedKeys the public keys deleted
     */
    private record NamespaceWrites(
            String namespace,
            boolean writes,
            boolean privateWrites,
            List<String> valueKeys,
            List<String> metadataKeys,
            Set<String> deletedKeys) {
        static final NamespaceWrites NONE = new NamespaceWrites("", false, false, List.of(), List.of(), Set.of());

        /** The keys to check, as Fabric: value writes, then metadata writes. */
        List<String> keys() {
            if (metadataKeys.isEmpty()) {
                return valueKeys;
            }
            List<String> all = new ArrayList<>(valueKeys);
            all.addAll(metadataKeys);
            return all;
        }
    }

    /** Where Weft keeps each org's lifecycle approval (public state; Fabric uses the org's implicit collection). */
    static final String APPROVALS_PREFIX = "weft/approvals/";

    static final String SOURCES_PREFIX = "weft/sources/";

    /**
     * The MSP whose approval keys are the only {@code _lifecycle} writes of the transaction; such a transaction (an
     * ApproveChaincodeDefinitionForMyOrg) needs that org's endorsement, as Fabric's implicit collection does.
     */
    static java.util.Optional<String> approvingOrg(List<String> keys) {
        String owner = null;
        for (String key : keys) {
            String rest = key.startsWith(APPROVALS_PREFIX)
                    ? key.substring(APPROVALS_PREFIX.length())
                    : key.startsWith(SOURCES_PREFIX) ? key.substring(SOURCES_PREFIX.length()) : null;
            int slash = rest == null ? -1 : rest.indexOf('/');
            if (slash <= 0) {
                return java.util.Optional.empty();
            }
            String msp = rest.substring(0, slash);
            if (owner != null && !owner.equals(msp)) {
                return java.util.Optional.empty();
            }
            owner = msp;
        }
        return java.util.Optional.ofNullable(owner);
    }

    /** Decodes every namespace's read-write sets (BAD_RWSET when one does not decode). */
    private static List<NamespaceWrites> decode(TxReadWriteSet rwSet) throws TransactionValidator.Invalid {
        List<NamespaceWrites> result = new ArrayList<>(rwSet.getNsRwsetCount());
        for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
            String namespace = ns.getNamespace();
            KVRWSet kv = parse(
                    KVRWSet.parser(), ns.getRwset(), TxValidationCode.BAD_RWSET, "read-write set of " + namespace);
            boolean privateWrites = false;
            List<String> valueKeys = new ArrayList<>(kv.getWritesCount());
            Set<String> deletedKeys = new HashSet<>();
            for (KVWrite write : kv.getWritesList()) {
                valueKeys.add(write.getKey());
                if (write.getIsDelete()) {
                    deletedKeys.add(write.getKey());
                }
            }
            List<String> metadataKeys = new ArrayList<>(kv.getMetadataWritesCount());
            kv.getMetadataWritesList().forEach(w -> metadataKeys.add(w.getKey()));
            for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                HashedRWSet hashed = parse(
                        HashedRWSet.parser(),
                        collection.getHashedRwset(),
                        TxValidationCode.BAD_RWSET,
                        "hashed read-write set of " + namespace + "/" + collection.getCollectionName());
                privateWrites |= hashed.getHashedWritesCount() > 0 || hashed.getMetadataWritesCount() > 0;
            }
            boolean writes = !valueKeys.isEmpty() || !metadataKeys.isEmpty() || privateWrites;
            result.add(new NamespaceWrites(namespace, writes, privateWrites, valueKeys, metadataKeys, deletedKeys));
        }
        return result;
    }

    /** The namespaces with public or private writes or metadata writes; ILLEGAL_WRITESET for a repeated one. */
    private static Set<String> writtenNamespaces(List<NamespaceWrites> decoded) throws TransactionValidator.Invalid {
        Set<String> seen = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (NamespaceWrites ns : decoded) {
            if (!seen.add(ns.namespace())) {
                throw new TransactionValidator.Invalid(
                        TxValidationCode.ILLEGAL_WRITESET,
                        "namespace " + ns.namespace() + " appears twice in the rwset");
            }
            if (ns.writes()) {
                written.add(ns.namespace());
            }
        }
        return written;
    }

    private static List<SignedData> signedData(ChaincodeEndorsedAction endorsed, ByteString prpBytes) {
        List<SignedData> signatures = new ArrayList<>(endorsed.getEndorsementsCount());
        for (Endorsement endorsement : endorsed.getEndorsementsList()) {
            signatures.add(new SignedData(
                    prpBytes.concat(endorsement.getEndorser()), endorsement.getEndorser(), endorsement.getSignature()));
        }
        return signatures;
    }
}
