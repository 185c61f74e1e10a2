package io.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.QueryExecutor;
import io.weft.msp.ChannelConfig;
import io.weft.msp.Policy;
import io.weft.msp.SignaturePolicy;
import io.weft.peer.channel.Channel;
import io.weft.peer.committer.LifecycleChaincodeDefinitions;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/** The endorsement policy the committer will apply to a chaincode's namespace, so the gateway can plan for it. */
final class EndorsementPolicies {
    private EndorsementPolicies() {}

    static Optional<Policy> forChaincode(Channel channel, String chaincodeName) {
        ChannelConfig config = channel.config();
        if (chaincodeName.equals("_lifecycle")) {
            return config.policy("/Channel/Application/LifecycleEndorsement");
        }
        Optional<ChaincodeValidationInfo> info;
        try (QueryExecutor state = channel.ledger().newQueryExecutor()) {
            info = new LifecycleChaincodeDefinitions(state).validationInfo(chaincodeName);
        }
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try {
            ApplicationPolicy policy = ApplicationPolicy.parseFrom(info.get().getValidationParameter());
            if (policy.hasSignaturePolicy()) {
                return Optional.of(SignaturePolicy.compile(policy.getSignaturePolicy(), config.msps()));
            }
            String reference = policy.getChannelConfigPolicyReference().isEmpty()
                    ? "/Channel/Application/Endorsement"
                    : policy.getChannelConfigPolicyReference();
            return config.policy(reference);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
