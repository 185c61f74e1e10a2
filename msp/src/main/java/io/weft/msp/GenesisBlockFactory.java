package io.weft.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.internal.configtx.ConfigGroupEncoder;
import io.weft.proto.BlockHashing;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Fabric's {@code configtxgen -outputBlock}: the genesis block of an application channel (no system channel), laid out
 * as Fabric's genesis factory lays it out. Block 0 with an empty previous hash holds one unsigned {@code CONFIG}
 * envelope (channel header version 1, epoch 0, timestamp to the second; signature header with a 24-byte random nonce
 * and no creator; tx_id = hex(SHA-256(nonce || creator))) whose {@code ConfigEnvelope} carries config sequence 0. The
 * metadata has its 5 entries: SIGNATURES = {@code Metadata{OrdererBlockMetadata{last_config{0}}}}, LAST_CONFIG =
 * {@code Metadata{LastConfig{0}}}, the others empty.
 */
public final class GenesisBlockFactory {
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]*");
    private static final int MAX_CHANNEL_ID_LENGTH = 249;
    private static final int NONCE_BYTES = 24;
    private static final int MESSAGE_VERSION = 1;
    /** SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH. */
    private static final int METADATA_ENTRIES = 5;

    private final SecureRandom random;
    private final Clock clock;

    /**
     * @param random makes the nonce
     * @param clock gives the channel header's timestamp
     */
    public GenesisBlockFactory(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /**
     * Builds the genesis block of {@code channelId} from a profile that has Orderer and Application sections.
     *
     * @throws MspException when the channel ID is not valid, a section is missing, or an MSP folder or consenter
     *     certificate cannot be read
     */
    public Block genesisBlock(String channelId, ConfigtxProfile profile) {
        checkChannelId(channelId);
        if (profile.orderer().isEmpty()) {
            throw new MspException(
                    "profile " + profile.name() + " has no Orderer section; a channel genesis block needs one");
        }
        if (profile.application().isEmpty()) {
            throw new MspException("profile " + profile.name()
                    + " has no Application section; an application channel genesis block needs one");
        }
        return genesisBlock(channelId, channelGroup(profile));
    }

    /** Builds the genesis block of {@code channelId} around a ready channel group. */
    public Block genesisBlock(String channelId, ConfigGroup channelGroup) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setVersion(MESSAGE_VERSION)
                .setTimestamp(Timestamp.newBuilder().setSeconds(clock.instant().getEpochSecond()))
                .setChannelId(channelId)
                .setTxId(txId(signatureHeader))
                .setEpoch(0)
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(ConfigEnvelope.newBuilder()
                        .setConfig(Config.newBuilder().setSequence(0).setChannelGroup(channelGroup))
                        .build()
                        .toByteString())
                .build();
        Envelope envelope =
                Envelope.newBuilder().setPayload(payload.toByteString()).build();
        BlockData data = BlockData.newBuilder().addData(envelope.toByteString()).build();
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(0).setDataHash(BlockHashing.dataHash(data)))
                .setData(data)
                .setMetadata(genesisMetadata())
                .build();
    }

    /** The {@code /Channel} config group of a profile, as it goes into the genesis block. */
    public static ConfigGroup channelGroup(ConfigtxProfile profile) {
        try {
            return ConfigGroupEncoder.channelGroup(profile);
        } catch (MspException e) {
            throw new MspException("profile " + profile.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An organization's config group as {@code configtxgen -printOrg} prints it: an orderer org group when the
     * organization lists OrdererEndpoints, otherwise an application org group.
     */
    public static ConfigGroup organizationGroup(ConfigtxProfile.Organization org) {
        return org.ordererEndpoints().isEmpty()
                ? ConfigGroupEncoder.applicationOrgGroup(org)
                : ConfigGroupEncoder.ordererOrgGroup(org);
    }

    /** Fabric's transaction ID: lowercase hex of SHA-256(nonce || creator). */
    public static String txId(SignatureHeader header) {
        return io.weft.proto.TransactionIds.of(header.getNonce(), header.getCreator());
    }

    /**
     * Checks a channel ID as Fabric does: lowercase letters, digits, dots and dashes, starting with a letter, shorter
     * than 250 characters.
     *
     * @throws MspException saying what is wrong
     */
    public static void checkChannelId(String channelId) {
        if (channelId.isEmpty()) {
            throw new MspException("channel ID is empty");
        }
        if (channelId.length() > MAX_CHANNEL_ID_LENGTH) {
            throw new MspException("channel ID '" + channelId + "' is " + channelId.length()
                    + " characters long; at most " + MAX_CHANNEL_ID_LENGTH + " are allowed");
        }
        if (!CHANNEL_ID.matcher(channelId).matches()) {
            throw new MspException("channel ID '" + channelId
                    + "' is not valid: use lowercase letters, digits, '.' and '-', starting with a letter");
        }
    }

    // LAST_CONFIG is deprecated in favour of SIGNATURES' last_config, but Fabric's genesis block still fills both.
    @SuppressWarnings("deprecation")
    private static BlockMetadata genesisMetadata() {
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(0).build();
        ByteString[] entries = new ByteString[METADATA_ENTRIES];
        java.util.Arrays.fill(entries, ByteString.EMPTY);
        entries[BlockMetadataIndex.SIGNATURES_VALUE] = Metadata.newBuilder()
                .setValue(OrdererBlockMetadata.newBuilder()
                        .setLastConfig(lastConfig)
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        entries[BlockMetadataIndex.LAST_CONFIG_VALUE] = Metadata.newBuilder()
                .setValue(lastConfig.toByteString())
                .build()
                .toByteString();
        return BlockMetadata.newBuilder()
                .addAllMetadata(java.util.Arrays.asList(entries))
                .build();
    }
}
