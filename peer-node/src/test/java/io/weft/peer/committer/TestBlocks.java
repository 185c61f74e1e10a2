package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.BlockReader;
import io.weft.msp.PolicyDsl;
import io.weft.msp.SigningIdentity;
import io.weft.orderer.BlockSignatures;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/** Blocks as an orderer cuts them (chained, data-hashed, signed), and chaincode definitions as {@code _lifecycle} writes them. */
public final class TestBlocks {
    private TestBlocks() {}

    /** The block after the ledger's last block, signed by {@code orderer}, holding the given entries. */
    public static Block next(BlockReader ledger, SigningIdentity orderer, long lastConfig, List<ByteString> data) {
        Block previous = ledger.getBlockByNumber(ledger.height() - 1).orElseThrow();
        return after(previous.getHeader(), orderer, lastConfig, data);
    }

    public static Block next(BlockReader ledger, SigningIdentity orderer, Envelope... envelopes) {
        return next(
                ledger,
                orderer,
                0,
                List.of(envelopes).stream().map(Envelope::toByteString).toList());
    }

    public static Block after(BlockHeader previous, SigningIdentity orderer, long lastConfig, List<ByteString> data) {
        BlockData blockData = BlockData.newBuilder().addAllData(data).build();
        Block block = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(previous.getNumber() + 1)
                        .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(previous)))
                        .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(blockData))))
                .setData(blockData)
                .build();
        return BlockSignatures.sign(block, orderer, lastConfig);
    }

    /**
     * A {@code _lifecycle} transaction that defines a chaincode the way {@code CommitChaincodeDefinition} stores it: the
     * definition's metadata and its ValidationInfo field. Endorsed by the given peers.
     */
    public static Envelope defineChaincode(
            String channelId, SigningIdentity client, String name, ApplicationPolicy policy, SigningIdentity... peers) {
        ByteString metadata = StateMetadata.newBuilder()
                .setDatatype(LifecycleChaincodeDefinitions.DEFINITION_TYPE)
                .addFields("EndorsementInfo")
                .addFields("Sequence")
                .addFields("ValidationInfo")
                .build()
                .toByteString();
        ByteString validationInfo = StateData.newBuilder()
                .setBytes(ChaincodeValidationInfo.newBuilder()
                        .setValidationPlugin("vscc")
                        .setValidationParameter(policy.toByteString())
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        return EndorserTransactions.of(channelId, client, LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE)
                .version("syscc")
                .write(
                        LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE,
                        LifecycleChaincodeDefinitions.metadataKey(name),
                        metadata)
                .write(
                        LifecycleChaincodeDefinitions.LIFECYCLE_NAMESPACE,
                        LifecycleChaincodeDefinitions.fieldKey(name, "ValidationInfo"),
                        validationInfo)
                .endorsedBy(peers)
                .build();
    }

    public static ApplicationPolicy signaturePolicy(String expression) {
        return ApplicationPolicy.newBuilder()
                .setSignaturePolicy(PolicyDsl.parse(expression))
                .build();
    }

    public static ApplicationPolicy policyReference(String path) {
        return ApplicationPolicy.newBuilder()
                .setChannelConfigPolicyReference(path)
                .build();
    }
}
