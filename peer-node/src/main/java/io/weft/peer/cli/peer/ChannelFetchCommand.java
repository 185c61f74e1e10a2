package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.SigningIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code peer channel fetch newest|oldest|config|N [outputfile] -c CHANNEL [-o orderer]}: one block from the orderer's
 * Deliver service, or the peer's without {@code -o}, written to {@code outputfile} (default
 * {@code <channel>_<target>.block}). {@code config} is the block named by the newest block's last-config index.
 */
@Command(
        name = "fetch",
        description = "Fetch a specified block, writing it to a file.",
        mixinStandardHelpOptions = true)
final class ChannelFetchCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-c", "--channelID"},
            paramLabel = "CHANNEL",
            description = "The channel to fetch from")
    String channelId = "";

    @Option(
            names = "--bestEffort",
            description = "Whether fetch requests should ignore errors and return blocks on a best effort basis")
    boolean bestEffort;

    @Parameters(index = "0", arity = "0..1", paramLabel = "newest|oldest|config|N", description = "Block to fetch")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "outputfile", description = "File to write the block to")
    Path outputFile;

    @Override
    int execute() throws InterruptedException {
        if (target == null) {
            throw usage("fetch target required, oldest, newest, config, or a number");
        }
        if (channelId.isBlank()) {
            throw usage("Must supply channel ID");
        }
        Long number = null;
        if (!target.equals("newest") && !target.equals("oldest") && !target.equals("config")) {
            try {
                number = Long.parseUnsignedLong(target);
            } catch (NumberFormatException e) {
                throw usage("fetch target illegal: " + target);
            }
        }
        SigningIdentity signer = peer.client.signer(spec);
        Endpoint endpoint = peer.orderer.given()
                ? peer.orderer.endpoint(spec)
                : peer.targets.endpoints(spec, peer.client.config(spec), 1).get(0);
        Block block;
        try (Connections connections = new Connections()) {
            BlockSource source = new BlockSource(connections, endpoint, signer, channelId, bestEffort);
            block = switch (target) {
                case "newest" -> source.newest();
                case "oldest" -> source.oldest();
                case "config" -> {
                    long lastConfig = lastConfigIndex(source.newest());
                    log("Retrieving last config block: " + lastConfig);
                    yield source.number(lastConfig);
                }
                default -> source.number(number);
            };
        }
        log("Received block: " + block.getHeader().getNumber());
        Path file = outputFile != null ? outputFile : Path.of(channelId + "_" + target + ".block");
        try {
            Files.write(file, block.toByteArray());
        } catch (IOException e) {
            throw new PeerCliException("cannot write the block to " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /** The last config index from a block's SIGNATURES metadata (or, from older orderers, LAST_CONFIG). */
    @SuppressWarnings("deprecation") // LAST_CONFIG: the fallback Fabric keeps for blocks of older orderers
    static long lastConfigIndex(Block block) {
        try {
            if (block.getMetadata().getMetadataCount() > BlockMetadataIndex.SIGNATURES_VALUE) {
                Metadata signatures =
                        Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
                OrdererBlockMetadata orderer = OrdererBlockMetadata.parseFrom(signatures.getValue());
                if (orderer.hasLastConfig()) {
                    return orderer.getLastConfig().getIndex();
                }
            }
            if (block.getMetadata().getMetadataCount() > BlockMetadataIndex.LAST_CONFIG_VALUE) {
                Metadata lastConfig =
                        Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE));
                return LastConfig.parseFrom(lastConfig.getValue()).getIndex();
            }
        } catch (InvalidProtocolBufferException e) {
            throw new PeerCliException(
                    "failed to retrieve metadata of block " + block.getHeader().getNumber() + ": " + e.getMessage(), e);
        }
        throw new PeerCliException(
                "block " + block.getHeader().getNumber() + " carries no last config index in its metadata");
    }
}
