package io.weft.peer.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.util.JsonFormat;
import java.util.Base64;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Consortium;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Blocks and config groups as JSON in the shape of Fabric's configtxlator ({@code protolator}): proto field names, every
 * field printed, and the opaque {@code bytes} fields that hold known messages decoded in place: envelopes, payloads,
 * headers, config envelopes and updates, config values by their key, policies by their type, MSP configs. Bytes that
 * are not a known message (certificates, signatures, nonces) stay base64, as in configtxlator.
 */
final class ConfigJson {
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();
    private static final Map<String, Parser<? extends Message>> VALUES = Map.ofEntries(
            Map.entry("HashingAlgorithm", HashingAlgorithm.parser()),
            Map.entry("BlockDataHashingStructure", BlockDataHashingStructure.parser()),
            Map.entry("OrdererAddresses", OrdererAddresses.parser()),
            Map.entry("Endpoints", OrdererAddresses.parser()),
            Map.entry("Consortium", Consortium.parser()),
            Map.entry("Capabilities", Capabilities.parser()),
            Map.entry("BatchSize", BatchSize.parser()),
            Map.entry("BatchTimeout", BatchTimeout.parser()),
            Map.entry("ChannelRestrictions", ChannelRestrictions.parser()),
            Map.entry("AnchorPeers", AnchorPeers.parser()),
            Map.entry("ACLs", ACLs.parser()));

    private ConfigJson() {}

    /** The block, deeply decoded, pretty-printed. */
    static String block(Block block) {
        JsonObject json = tree(block);
        JsonArray data = json.getAsJsonObject("data").getAsJsonArray("data");
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            data.set(i, envelope(parse(block.getData().getData(i), Envelope.parser(), "block data[" + i + "]")));
        }
        return print(json);
    }

    /** A config group (an org group for {@code -printOrg}), deeply decoded, pretty-printed. */
    static String group(ConfigGroup group) {
        return print(configGroup(group));
    }

    private static JsonObject envelope(Envelope envelope) {
        JsonObject json = tree(envelope);
        json.add("payload", payload(parse(envelope.getPayload(), Payload.parser(), "envelope payload")));
        return json;
    }

    private static JsonObject payload(Payload payload) {
        JsonObject json = tree(payload);
        JsonObject header = json.getAsJsonObject("header");
        ChannelHeader channelHeader =
                parse(payload.getHeader().getChannelHeader(), ChannelHeader.parser(), "channel header");
        header.add("channel_header", tree(channelHeader));
        header.add("signature_header", signatureHeader(payload.getHeader().getSignatureHeader()));
        int type = channelHeader.getType();
        if (type == HeaderType.CONFIG_VALUE) {
            json.add("data", configEnvelope(parse(payload.getData(), ConfigEnvelope.parser(), "payload data")));
        } else if (type == HeaderType.CONFIG_UPDATE_VALUE) {
            json.add(
                    "data",
                    configUpdateEnvelope(parse(payload.getData(), ConfigUpdateEnvelope.parser(), "payload data")));
        } else if (type == HeaderType.ENDORSER_TRANSACTION_VALUE) {
            json.add("data", tree(parse(payload.getData(), Transaction.parser(), "payload data")));
        }
        return json;
    }

    private static JsonObject signatureHeader(ByteString bytes) {
        SignatureHeader header = parse(bytes, SignatureHeader.parser(), "signature header");
        JsonObject json = tree(header);
        if (!header.getCreator().isEmpty()) {
            json.add("creator", tree(parse(header.getCreator(), SerializedIdentity.parser(), "creator")));
        }
        return json;
    }

    private static JsonObject configEnvelope(ConfigEnvelope envelope) {
        JsonObject json = tree(envelope);
        json.add("config", config(envelope.getConfig()));
        if (envelope.hasLastUpdate()) {
            json.add("last_update", envelope(envelope.getLastUpdate()));
        }
        return json;
    }

    private static JsonObject config(Config config) {
        JsonObject json = tree(config);
        json.add("channel_group", configGroup(config.getChannelGroup()));
        return json;
    }

    private static JsonObject configUpdateEnvelope(ConfigUpdateEnvelope envelope) {
        JsonObject json = tree(envelope);
        ConfigUpdate update = parse(envelope.getConfigUpdate(), ConfigUpdate.parser(), "config update");
        JsonObject updateJson = tree(update);
        updateJson.add("read_set", configGroup(update.getReadSet()));
        updateJson.add("write_set", configGroup(update.getWriteSet()));
        json.add("config_update", updateJson);
        JsonArray signatures = json.getAsJsonArray("signatures");
        for (int i = 0; i < envelope.getSignaturesCount(); i++) {
            ConfigSignature signature = envelope.getSignatures(i);
            signatures
                    .get(i)
                    .getAsJsonObject()
                    .add("signature_header", signatureHeader(signature.getSignatureHeader()));
        }
        return json;
    }

    private static JsonObject configGroup(ConfigGroup group) {
        JsonObject json = tree(group);
        JsonObject groups = json.getAsJsonObject("groups");
        group.getGroupsMap().forEach((name, child) -> groups.add(name, configGroup(child)));
        JsonObject values = json.getAsJsonObject("values");
        group.getValuesMap().forEach((name, value) -> {
            JsonElement decoded = configValue(name, value.getValue());
            values.getAsJsonObject(name).add("value", decoded);
        });
        JsonObject policies = json.getAsJsonObject("policies");
        group.getPoliciesMap().forEach((name, policy) -> {
            JsonObject policyJson = policies.getAsJsonObject(name).getAsJsonObject("policy");
            policyJson.add("value", policyValue(policy.getPolicy()));
        });
        return json;
    }

    private static JsonElement configValue(String key, ByteString bytes) {
        String what = "config value " + key;
        if (key.equals("MSP")) {
            MSPConfig msp = parse(bytes, MSPConfig.parser(), what);
            JsonObject json = tree(msp);
            if (msp.getType() == 0) {
                json.add("config", tree(parse(msp.getConfig(), FabricMSPConfig.parser(), what)));
            }
            return json;
        }
        if (key.equals("ConsensusType")) {
            ConsensusType consensus = parse(bytes, ConsensusType.parser(), what);
            JsonObject json = tree(consensus);
            if (consensus.getType().equals("etcdraft")) {
                json.add("metadata", tree(parse(consensus.getMetadata(), ConfigMetadata.parser(), what)));
            }
            return json;
        }
        Parser<? extends Message> parser = VALUES.get(key);
        return parser == null ? base64(bytes) : tree(parse(bytes, parser, what));
    }

    private static JsonElement policyValue(Policy policy) {
        if (policy.getType() == Policy.PolicyType.SIGNATURE_VALUE) {
            SignaturePolicyEnvelope envelope =
                    parse(policy.getValue(), SignaturePolicyEnvelope.parser(), "signature policy");
            JsonObject json = tree(envelope);
            JsonArray identities = json.getAsJsonArray("identities");
            for (int i = 0; i < envelope.getIdentitiesCount(); i++) {
                principal(envelope.getIdentities(i), identities.get(i).getAsJsonObject());
            }
            return json;
        }
        if (policy.getType() == Policy.PolicyType.IMPLICIT_META_VALUE) {
            return tree(parse(policy.getValue(), ImplicitMetaPolicy.parser(), "implicit meta policy"));
        }
        return base64(policy.getValue());
    }

    private static void principal(MSPPrincipal principal, JsonObject json) {
        switch (principal.getPrincipalClassification()) {
            case ROLE -> json.add("principal", tree(parse(principal.getPrincipal(), MSPRole.parser(), "principal")));
            case ORGANIZATION_UNIT ->
                json.add("principal", tree(parse(principal.getPrincipal(), OrganizationUnit.parser(), "principal")));
            case IDENTITY ->
                json.add("principal", tree(parse(principal.getPrincipal(), SerializedIdentity.parser(), "principal")));
            default -> {
                // anonymity and combined principals stay base64
            }
        }
    }

    private static JsonElement base64(ByteString bytes) {
        return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    private static JsonObject tree(Message message) {
        try {
            return JsonParser.parseString(PRINTER.print(message)).getAsJsonObject();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "cannot print " + message.getDescriptorForType().getFullName(), e);
        }
    }

    private static <T extends Message> T parse(ByteString bytes, Parser<T> parser, String what) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(what + " does not decode: " + e.getMessage(), e);
        }
    }

    private static String print(JsonObject json) {
        return new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .create()
                .toJson(json);
    }
}
