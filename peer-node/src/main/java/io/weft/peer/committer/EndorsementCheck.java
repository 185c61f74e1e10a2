package io.weft.peer.committer;

import static io.weft.peer.committer.TransactionValidator.parse;

import com.google.protobuf.ByteString;
import io.weft.msp.PolicyResult;
import io.weft.msp.SignedData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The endorsement phase of validation (Fabric's "vscc" dispatch, fabric-protocol.md §4.2): decode the header
 * extension, the chaincode action and its read-write set, check the chaincode identity and events, then evaluate the
 * endorsement policy of the invoked chaincode and of every namespace the transaction writes over the endorsements, as
 * {@code SignedData{prpBytes || endorser, endorser, signature}}. Namespaces are checked in a fixed order (the invoked
 * chaincode, then the others sorted) so the code assigned never depends on iteration order.
 */
final class EndorsementCheck {

    /**
     * Runs the checks.
     *
     * @return whether the transaction writes the {@code _lifecycle} namespace
     * @throws TransactionValidator.Invalid with the code and reason of the first failing check
     */
    boolean check(
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
        List<SignedData> signatures = signedData(endorsed, endorsed.getProposalResponsePayload());
        for (String namespace : namespaces) {
            ValidationContext.NamespacePolicy policy = context.policy(namespace);
            if (namespace.equals(LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE)) {
                List<String> keys = decoded.stream()
                        .filter(ns -> ns.namespace().equals(namespace))
                        .flatMap(ns -> ns.keys().stream())
                        .toList();
                if (!keys.isEmpty()) {
                    policy = approvingOrg(keys)
                            .map(context::orgEndorsementPolicy)
                            .orElse(policy);
                }
            }
            if (policy.policy() == null) {
                throw new TransactionValidator.Invalid(policy.failure(), policy.reason());
            }
            PolicyResult result = policy.policy().evaluate(signatures);
            if (!result.satisfied()) {
                throw new TransactionValidator.Invalid(
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "endorsements do not satisfy the endorsement policy of namespace " + namespace + " ("
                                + policy.source() + ", " + policy.policy().describe() + "): "
                                + result.explanation());
            }
        }
        return written.contains(LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE);
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

    private record NamespaceWrites(String namespace, boolean writes, List<String> keys) {}

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
            boolean writes = kv.getWritesCount() > 0 || kv.getMetadataWritesCount() > 0;
            List<String> keys = new ArrayList<>();
            kv.getWritesList().forEach(w -> keys.add(w.getKey()));
            kv.getMetadataWritesList().forEach(w -> keys.add(w.getKey()));
            for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                HashedRWSet hashed = parse(
                        HashedRWSet.parser(),
                        collection.getHashedRwset(),
                        TxValidationCode.BAD_RWSET,
                        "hashed read-write set of " + namespace + "/" + collection.getCollectionName());
                writes |= hashed.getHashedWritesCount() > 0 || hashed.getMetadataWritesCount() > 0;
            }
            result.add(new NamespaceWrites(namespace, writes, keys));
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
