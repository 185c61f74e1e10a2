package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import io.weft.msp.MspException;
import io.weft.msp.PolicyDsl;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The chaincode definition flags of approveformyorg, checkcommitreadiness and commit, with Fabric's names. */
final class DefinitionOptions {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

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
            names = {"-v", "--version"},
            paramLabel = "VERSION",
            description = "Version of the chaincode")
    String version = "";

    @Option(
            names = "--sequence",
            paramLabel = "N",
            description = "The sequence number of the chaincode definition for the channel")
    long sequence;

    @Option(
            names = "--signature-policy",
            paramLabel = "POLICY",
            description = "The endorsement policy associated to this chaincode specified as a signature policy")
    String signaturePolicy = "";

    @Option(
            names = "--channel-config-policy",
            paramLabel = "POLICY",
            description = "The endorsement policy associated to this chaincode specified as a channel config policy"
                    + " reference")
    String channelConfigPolicy = "";

    @Option(
            names = {"-E", "--endorsement-plugin"},
            paramLabel = "NAME",
            description = "The name of the endorsement plugin to be used for this chaincode")
    String endorsementPlugin = "";

    @Option(
            names = {"-V", "--validation-plugin"},
            paramLabel = "NAME",
            description = "The name of the validation plugin to be used for this chaincode")
    String validationPlugin = "";

    @Option(names = "--init-required", description = "Whether the chaincode requires invoking 'init'")
    boolean initRequired;

    @Option(
            names = "--collections-config",
            paramLabel = "FILE",
            description = "The collection JSON file (private data collections are not supported by Weft yet)")
    Path collectionsConfig;

    /** Fabric's checks of the required flags, as usage errors. */
    void validate(CommandSpec spec) {
        if (channelId.isBlank()) {
            throw required(spec, "channelID", "-C");
        }
        if (name.isBlank()) {
            throw required(spec, "name", "-n");
        }
        if (version.isBlank()) {
            throw required(spec, "version", "-v");
        }
        if (sequence == 0) {
            throw required(spec, "sequence", "--sequence");
        }
        if (collectionsConfig != null) {
            throw new ParameterException(
                    spec.commandLine(), "--collections-config: private data collections are not supported by Weft yet");
        }
    }

    private static ParameterException required(CommandSpec spec, String parameter, String flag) {
        return new ParameterException(
                spec.commandLine(),
                "The required parameter '" + parameter + "' is empty. Rerun the command with " + flag + " flag");
    }

    /** The serialized ApplicationPolicy of the policy flags; empty when neither is given (the channel default). */
    ByteString validationParameter(CommandSpec spec) {
        if (!signaturePolicy.isEmpty() && !channelConfigPolicy.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
        }
        if (!signaturePolicy.isEmpty()) {
            try {
                return ApplicationPolicy.newBuilder()
                        .setSignaturePolicy(PolicyDsl.parse(signaturePolicy))
                        .build()
                        .toByteString();
            } catch (MspException | IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "invalid signature policy: " + signaturePolicy + " (" + e.getMessage() + ")");
            }
        }
        if (!channelConfigPolicy.isEmpty()) {
            return ApplicationPolicy.newBuilder()
                    .setChannelConfigPolicyReference(channelConfigPolicy)
                    .build()
                    .toByteString();
        }
        return ByteString.EMPTY;
    }

    CommitChaincodeDefinitionArgs commitArgs(CommandSpec spec) {
        return CommitChaincodeDefinitionArgs.newBuilder()
                .setSequence(sequence)
                .setName(name)
                .setVersion(version)
                .setEndorsementPlugin(endorsementPlugin)
                .setValidationPlugin(validationPlugin)
                .setValidationParameter(validationParameter(spec))
                .setInitRequired(initRequired)
                .build();
    }

    CheckCommitReadinessArgs readinessArgs(CommandSpec spec) {
        return CheckCommitReadinessArgs.newBuilder()
                .setSequence(sequence)
                .setName(name)
                .setVersion(version)
                .setEndorsementPlugin(endorsementPlugin)
                .setValidationPlugin(validationPlugin)
                .setValidationParameter(validationParameter(spec))
                .setInitRequired(initRequired)
                .build();
    }
}
