package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.ValidatedBlock;
import io.weft.msp.MspFolder;
import io.weft.msp.SignedData;
import io.weft.msp.SigningIdentity;
import io.weft.peer.chaincode.ChaincodeBuilder;
import io.weft.peer.chaincode.ChaincodePackageStore;
import io.weft.peer.channel.Channel;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.committer.EndorserTransactions;
import io.weft.peer.committer.TestBlocks;
import io.weft.peer.operations.Metrics;
import io.weft.testing.TestNetwork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One peer of the test network (Org1's by default) with real RocksDB ledgers, a channel manager, a package store and
 * the three system chaincodes; invocations are built as the endorser hands them over.
 */
final class SccFixture implements AutoCloseable {
    static final String CHANNEL = "mychannel";

    final TestNetwork network;
    final LedgerProvider ledgers;
    final ChannelManager channels;
    final ChaincodePackageStore packages;
    final Acls acls;
    final QueryChaincode qscc;
    final ConfigurationChaincode cscc;
    final LifecycleChaincode lifecycle;
    private final ExecutorService validationPool = Executors.newFixedThreadPool(2);
    private final ExecutorService commitPool = Executors.newSingleThreadExecutor();
    private int txCounter;

    /** @param org the org (1 or 2) whose peer this is */
    SccFixture(TestNetwork network, Path dir, int org) {
        this.network = network;
        this.ledgers = LedgerProvider.open(LedgerConfig.defaults(dir.resolve("ledgers")));
        this.channels = new ChannelManager(
                ledgers,
                TestNetwork.CRYPTO,
                new BlockValidator(validationPool, TestNetwork.CRYPTO),
                commitPool,
                new Metrics());
        this.packages =
                new ChaincodePackageStore(dir.resolve("peerfs"), ChaincodePackageStore.DEFAULT_MAX_PACKAGE_BYTES);
        var localMsp = MspFolder.load(network.peerMspDir(org), "Org" + org + "MSP", TestNetwork.CRYPTO)
                .msp();
        this.acls = new Acls(localMsp);
        this.qscc = new QueryChaincode(channels, acls);
        this.cscc = new ConfigurationChaincode(channels, acls);
        this.lifecycle = new LifecycleChaincode(localMsp, acls, packages, pkg -> {}, channels);
    }

    /** The {@code _lifecycle} of another org's peer on the same channel state. */
    LifecycleChaincode lifecycleOf(int org) {
        var msp = MspFolder.load(network.peerMspDir(org), "Org" + org + "MSP", TestNetwork.CRYPTO)
                .msp();
        return new LifecycleChaincode(msp, new Acls(msp), packages, pkg -> {}, channels);
    }

    /** This peer's {@code _lifecycle} with another build step at install. */
    LifecycleChaincode lifecycleBuildingWith(ChaincodeBuilder builder) {
        var msp = MspFolder.load(network.peerMspDir(1), "Org1MSP", TestNetwork.CRYPTO)
                .msp();
        return new LifecycleChaincode(msp, new Acls(msp), packages, builder, channels);
    }

    Channel join() {
        return channels.joinChain(network.genesisBlock(CHANNEL));
    }

    ChannelLedger ledger() {
        return channels.channel(CHANNEL).orElseThrow().ledger();
    }

    /** A channel-less invocation. */
    SccInvocation local(SigningIdentity who, String chaincode, List<ByteString> args) {
        return invocation(who, "", chaincode, args, Optional.empty());
    }

    /** An invocation on the channel without a simulator. */
    SccInvocation query(SigningIdentity who, String chaincode, List<ByteString> args) {
        return invocation(who, CHANNEL, chaincode, args, Optional.empty());
    }

    SccInvocation invocation(
            SigningIdentity who,
            String channelId,
            String chaincode,
            List<ByteString> args,
            Optional<TxSimulator> simulator) {
        txCounter++;
        String txId = "tx" + txCounter + "-" + System.nanoTime();
        ByteString proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                                .setChannelId(channelId)
                                .setTxId(txId)
                                .build()
                                .toByteString())
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ByteString signature = ByteString.copyFrom(who.sign(proposal.toByteArray()));
        return new SccInvocation(
                channelId,
                txId,
                SignedProposal.newBuilder()
                        .setProposalBytes(proposal)
                        .setSignature(signature)
                        .build(),
                args,
                who,
                List.of(new SignedData(proposal, who.serialized(), signature)),
                channelId.isEmpty() ? Optional.empty() : channels.channel(channelId),
                simulator);
    }

    static List<ByteString> args(String function, MessageLite input) {
        return List.of(ByteString.copyFromUtf8(function), input.toByteString());
    }

    static List<ByteString> args(String... values) {
        List<ByteString> out = new ArrayList<>();
        for (String value : values) {
            out.add(ByteString.copyFromUtf8(value));
        }
        return out;
    }

    /** Commits a simulated {@code _lifecycle} transaction in the next block, as every peer of the channel would. */
    static void commit(ChannelLedger ledger, TestNetwork network, TxSimulator simulator, SigningIdentity endorser) {
        Envelope envelope = EndorserTransactions.of(CHANNEL, network.client(1), LifecycleKeys.NAMESPACE)
                .version("syscc")
                .results(simulator.results().bytes())
                .endorsedBy(endorser)
                .build();
        ledger.commit(ValidatedBlock.allValid(TestBlocks.next(ledger, network.orderer(), envelope)));
    }

    /** A chaincode-as-a-service package in Fabric's format: metadata.json and code.tar.gz with connection.json. */
    static byte[] chaincodePackage(String label) {
        String connection = "{\"address\":\"localhost:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}";
        byte[] code = tarGz(List.of(new TarFile("connection.json", connection.getBytes(StandardCharsets.UTF_8))));
        String metadata = "{\"type\":\"ccaas\",\"label\":\"" + label + "\"}";
        return tarGz(List.of(
                new TarFile("metadata.json", metadata.getBytes(StandardCharsets.UTF_8)),
                new TarFile("code.tar.gz", code)));
    }

    @SuppressWarnings("ArrayRecordComponent") // test data, never compared
    private record TarFile(String name, byte[] content) {}

    private static byte[] tarGz(List<TarFile> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (TarFile file : files) {
                byte[] content = file.content();
                TarArchiveEntry entry = new TarArchiveEntry(file.name());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        channels.close();
        validationPool.shutdownNow();
        commitPool.shutdownNow();
        try {
            validationPool.awaitTermination(5, TimeUnit.SECONDS);
            commitPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledgers.close();
    }
}
