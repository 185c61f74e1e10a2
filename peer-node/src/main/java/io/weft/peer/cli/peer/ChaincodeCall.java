package io.weft.peer.cli.peer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The flags of {@code peer chaincode invoke|query}: {@code -C}, {@code -n}, {@code -c '{"Args":[...]}'} (or
 * {@code {"function":"f","Args":[...]}}), {@code --transient} (a JSON object of base64 values, as Fabric decodes it),
 * {@code -I/--isInit}, and the peer flags.
 */
final class ChaincodeCall {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-C", "--channelID"},
            paramLabel = "CHANNEL",
            description = "The channel on which this command should be executed")
    String channelId = "";

    @Option(
            names = {"-n", "--name"},
            paramLabel = "NAME",
            description = "Name of the chaincode")
    String name = "";

    @Option(
            names = {"-c", "--ctor"},
            paramLabel = "JSON",
            description = "Constructor message for the chaincode in JSON format, e.g. '{\"Args\":[\"fn\",\"a\"]}'")
    String ctor = "{}";

    @Option(
            names = "--transient",
            paramLabel = "JSON",
            description = "Transient map of arguments in JSON encoding (values in base64)")
    String transientJson = "";

    @Option(
            names = {"-I", "--isInit"},
            description = "Is this invocation for init (useful for supporting legacy chaincodes in the new lifecycle)")
    boolean isInit;

    void validate(CommandSpec spec) {
        if (channelId.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "The required parameter 'channelID' is empty. Rerun the command with -C flag");
        }
        if (name.isBlank()) {
            throw new ParameterException(spec.commandLine(), "must supply value for chaincode name parameter");
        }
    }

    /** Fabric's ChaincodeSpec: type GOLANG (the --lang default), the name, the arguments from {@code -c}. */
    ChaincodeSpec chaincodeSpec(CommandSpec spec) {
        return ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.GOLANG)
                .setChaincodeId(ChaincodeID.newBuilder().setName(name))
                .setInput(ChaincodeInput.newBuilder().addAllArgs(args(spec)).setIsInit(isInit))
                .build();
    }

    private List<ByteString> args(CommandSpec spec) {
        String empty =
                "empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function' and" + " 'Args'";
        String wrong = "non-empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function'"
                + " and 'Args'";
        if (ctor.trim().equals("{}")) {
            throw new ParameterException(spec.commandLine(), empty);
        }
        JsonObject object;
        try {
            JsonElement json = JsonParser.parseString(ctor);
            if (!json.isJsonObject()) {
                throw new ParameterException(spec.commandLine(), "chaincode argument error: -c must be a JSON object");
            }
            object = json.getAsJsonObject();
        } catch (JsonSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "chaincode argument error: " + e.getMessage(), e);
        }
        Map<String, JsonElement> keys = new LinkedHashMap<>();
        object.entrySet().forEach(e -> keys.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        boolean hasArgs = keys.containsKey("args");
        boolean hasFunction = keys.containsKey("function");
        if (!hasArgs || (object.size() == 2 && !hasFunction) || object.size() > 2) {
            throw new ParameterException(spec.commandLine(), wrong);
        }
        List<ByteString> args = new ArrayList<>();
        if (hasFunction
                && keys.get("function").isJsonPrimitive()
                && !keys.get("function").getAsString().isEmpty()) {
            args.add(ByteString.copyFromUtf8(keys.get("function").getAsString()));
        }
        JsonElement list = keys.get("args");
        if (!list.isJsonArray()) {
            throw new ParameterException(
                    spec.commandLine(), "chaincode argument error: Args must be an array of strings");
        }
        for (JsonElement arg : (JsonArray) list) {
            if (!arg.isJsonPrimitive() || !arg.getAsJsonPrimitive().isString()) {
                throw new ParameterException(
                        spec.commandLine(), "chaincode argument error: Args must be strings, got " + arg);
            }
            args.add(ByteString.copyFromUtf8(arg.getAsString()));
        }
        return args;
    }

    /** The transient map: a JSON object whose values are base64, as Go decodes {@code map[string][]byte}. */
    Map<String, ByteString> transientMap(CommandSpec spec) {
        Map<String, ByteString> map = new LinkedHashMap<>();
        if (transientJson.isBlank()) {
            return map;
        }
        try {
            JsonElement json = JsonParser.parseString(transientJson);
            if (!json.isJsonObject()) {
                throw new ParameterException(spec.commandLine(), "error parsing transient string: not a JSON object");
            }
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                map.put(
                        e.getKey(),
                        ByteString.copyFrom(
                                Base64.getDecoder().decode(e.getValue().getAsString())));
            }
        } catch (JsonSyntaxException
                | IllegalArgumentException
                | IllegalStateException
                | UnsupportedOperationException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "error parsing transient string: " + e.getMessage()
                            + " (--transient takes a JSON object of base64 values, e.g. '{\"key\":\"dmFsdWU=\"}')",
                    e);
        }
        return map;
    }
}
