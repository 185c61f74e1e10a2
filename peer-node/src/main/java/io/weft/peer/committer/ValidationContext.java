package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.ChannelConfig;
import io.weft.msp.MspException;
import io.weft.msp.Policy;
import io.weft.msp.SignaturePolicy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * What the transactions of one block are validated against: the channel, the configuration in force, the chaincode
 * definitions and the key-level endorsement policies of committed state. Resolves each namespace's endorsement policy
 * and compiles each distinct key-level policy once per block; safe for the validation threads of that block.
 */
final class ValidationContext {
    static final String DEFAULT_ENDORSEMENT_POLICY = "/Channel/Application/Endorsement";
    static final String LIFECYCLE_ENDORSEMENT_POLICY = "/Channel/Application/LifecycleEndorsement";
    static final String DEFAULT_VALIDATION_PLUGIN = "vscc";

    /** A namespace's policy, or the code and reason that make its transactions invalid. */
    record NamespacePolicy(Policy policy, String source, TxValidationCode failure, String reason) {
        static NamespacePolicy of(Policy policy, String source) {
            return new NamespacePolicy(policy, source, TxValidationCode.VALID, "");
        }

        static NamespacePolicy failed(TxValidationCode code, String reason) {
            return new NamespacePolicy(null, "", code, reason);
        }
    }

    /**
     * A key's own endorsement policy: none (the namespace's policy applies), a policy, or a parameter that does not
     * compile (no endorsement can satisfy it).
     */
    record KeyPolicy(Policy policy, ByteString parameter, String problem) {
        static final KeyPolicy NONE = new KeyPolicy(null, ByteString.EMPTY, "");

        boolean isNone() {
            return policy == null && problem.isEmpty();
        }
    }

    private final long blockNumber;
    private final ChannelConfig config;
    private final ChaincodeDefinitions definitions;
    private final ValidationParameters parameters;
    private final Map<String, NamespacePolicy> policies = new ConcurrentHashMap<>();
    private final Map<ByteString, KeyPolicy> keyPolicies = new ConcurrentHashMap<>();

    ValidationContext(
            long blockNumber, ChannelConfig config, ChaincodeDefinitions definitions, ValidationParameters parameters) {
        this.blockNumber = blockNumber;
        this.config = config;
        this.definitions = definitions;
        this.parameters = parameters;
    }

    String channelId() {
        return config.channelId();
    }

    long blockNumber() {
        return blockNumber;
    }

    ChannelConfig config() {
        return config;
    }

    NamespacePolicy policy(String namespace) {
        return policies.computeIfAbsent(namespace, this::resolve);
    }

    /** The key-level endorsement policy of a public key in committed state. */
    KeyPolicy keyPolicy(String namespace, String key) {
        return parameters
                .validationParameter(namespace, key)
                .map(p -> keyPolicies.computeIfAbsent(p, this::compile))
                .orElse(KeyPolicy.NONE);
    }

    /** As Fabric's v20 validator: the parameter is a {@code SignaturePolicyEnvelope}. */
    private KeyPolicy compile(ByteString parameter) {
        try {
            SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(parameter);
            return new KeyPolicy(SignaturePolicy.compile(envelope, config.msps()), parameter, "");
        } catch (InvalidProtocolBufferException e) {
            return new KeyPolicy(null, parameter, "it is not a SignaturePolicyEnvelope: " + e.getMessage());
        } catch (MspException e) {
            return new KeyPolicy(null, parameter, "it is malformed: " + e.getMessage());
        }
    }

    private NamespacePolicy resolve(String namespace) {
        if (namespace.equals(LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE)) {
            return reference(LIFECYCLE_ENDORSEMENT_POLICY);
        }
        Optional<ChaincodeValidationInfo> info = definitions.validationInfo(namespace);
        if (info.isEmpty()) {
            return NamespacePolicy.failed(
                    TxValidationCode.INVALID_CHAINCODE,
                    "chaincode " + namespace + " is not defined on channel " + config.channelId());
        }
        String plugin = info.get().getValidationPlugin();
        if (plugin.isEmpty() || info.get().getValidationParameter().isEmpty()) {
            return NamespacePolicy.failed(
                    TxValidationCode.INVALID_CHAINCODE,
                    "chaincode definition of " + namespace + " is invalid: validation plugin and policy must be set");
        }
        if (!plugin.equals(DEFAULT_VALIDATION_PLUGIN)) {
            return NamespacePolicy.failed(
                    TxValidationCode.INVALID_OTHER_REASON,
                    "chaincode " + namespace + " names validation plugin '" + plugin + "'; only '"
                            + DEFAULT_VALIDATION_PLUGIN + "' is supported");
        }
        ApplicationPolicy parameter;
        try {
            parameter = ApplicationPolicy.parseFrom(info.get().getValidationParameter());
        } catch (InvalidProtocolBufferException e) {
            return NamespacePolicy.failed(
                    TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    "endorsement policy of chaincode " + namespace + " does not decode: " + e.getMessage());
        }
        return switch (parameter.getTypeCase()) {
            case SIGNATURE_POLICY -> signature(namespace, parameter);
            case CHANNEL_CONFIG_POLICY_REFERENCE -> reference(parameter.getChannelConfigPolicyReference());
            case TYPE_NOT_SET ->
                NamespacePolicy.failed(
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "endorsement policy of chaincode " + namespace
                                + " is neither a signature policy nor a reference");
        };
    }

    /**
     * The policy an org's own lifecycle approval needs: the org's Endorsement policy in the channel config, or any
     * member of its MSP when the org defines none.
     */
    NamespacePolicy orgEndorsementPolicy(String mspId) {
        for (Map.Entry<String, String> org : config.applicationOrgs().entrySet()) {
            if (org.getValue().equals(mspId)) {
                Optional<io.weft.msp.Policy> policy =
                        config.policy("/Channel/Application/" + org.getKey() + "/Endorsement");
                if (policy.isPresent()) {
                    return NamespacePolicy.of(policy.get(), "the Endorsement policy of " + mspId + " (its approval)");
                }
                return NamespacePolicy.of(
                        SignaturePolicy.parse("OR('" + mspId + ".member')", config.msps()),
                        "any member of " + mspId + " (its approval)");
            }
        }
        return NamespacePolicy.failed(
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                "an approval for " + mspId + ", which is not an application org of channel " + config.channelId());
    }

    private NamespacePolicy signature(String namespace, ApplicationPolicy parameter) {
        try {
            SignaturePolicy policy = SignaturePolicy.compile(parameter.getSignaturePolicy(), config.msps());
            return NamespacePolicy.of(policy, "the signature policy of chaincode " + namespace);
        } catch (MspException e) {
            return NamespacePolicy.failed(
                    TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                    "endorsement policy of chaincode " + namespace + " is malformed: " + e.getMessage());
        }
    }

    private NamespacePolicy reference(String path) {
        return config.policy(path)
                .map(p -> NamespacePolicy.of(p, path))
                .orElseGet(() -> NamespacePolicy.failed(
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        "channel " + config.channelId() + " has no policy " + path));
    }
}
