package io.weft.peer.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.ValidatedBlock;
import io.weft.peer.cli.CliRunner;
import io.weft.testing.TestEnvelopes;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peer node reset|rollback|rebuild-dbs|unjoin} on a real ledger; {@code peer node start} and {@code version}. */
class NodeCommandTest {
    @TempDir
    static Path networkDir;

    static PeerCliFixture fixture;

    @TempDir
    Path dir;

    Path config;
    LedgerConfig ledgerConfig;

    @BeforeAll
    static void network() {
        fixture = new PeerCliFixture(networkDir);
    }

    @BeforeEach
    void ledgerWithTwoBlocks() {
        config = fixture.coreYaml(dir, "127.0.0.1:7051", "");
        ledgerConfig = LedgerConfig.defaults(dir.resolve("production"));
        try (LedgerProvider provider = LedgerProvider.open(ledgerConfig)) {
            Block genesis = fixture.network.genesisBlock("mychannel");
            ChannelLedger ledger = provider.create(genesis);
            BlockData data = BlockData.newBuilder()
                    .addData(TestEnvelopes.transaction("mychannel", fixture.admin, "not a transaction")
                            .toByteString())
                    .build();
            BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
            for (int i = 0; i < 5; i++) {
                metadata.addMetadata(ByteString.EMPTY);
            }
            Block next = Block.newBuilder()
                    .setHeader(BlockHeader.newBuilder()
                            .setNumber(1)
                            .setPreviousHash(ByteString.copyFrom(BlockHashes.headerHash(genesis.getHeader())))
                            .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))))
                    .setData(data)
                    .setMetadata(metadata)
                    .build();
            ledger.commit(new ValidatedBlock(next, List.of(TxValidationCode.BAD_PAYLOAD)));
        }
    }

    private long height() {
        try (LedgerProvider provider = LedgerProvider.open(ledgerConfig)) {
            return provider.get("mychannel").orElseThrow().height();
        }
    }

    @Test
    void rollbackTruncatesTheChannel() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "rollback", "-c", "mychannel", "-b", "0");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(height()).isEqualTo(1);
    }

    @Test
    void rollbackBeyondTheLastBlockFails() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "rollback", "-c", "mychannel", "-b", "5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ").contains("block 5").hasLineCount(1);
        assertThat(height()).isEqualTo(2);
    }

    @Test
    void resetTakesEveryChannelBackToGenesis() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "reset");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).endsWith("All channel ledgers have been successfully reset to the genesis block\n");
        assertThat(height()).isEqualTo(1);
    }

    @Test
    void rebuildDbsKeepsTheBlocks() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "rebuild-dbs");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(height()).isEqualTo(2);
    }

    @Test
    void unjoinRemovesTheLedger() {
        CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "unjoin", "-c", "mychannel");
        CliRunner.Result again = PeerCliFixture.peer(config, 2, "node", "unjoin", "-c", "mychannel");

        assertThat(result.exitCode()).as(result.err()).isZero();
        try (LedgerProvider provider = LedgerProvider.open(ledgerConfig)) {
            assertThat(provider.channels()).isEmpty();
        }
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error: unjoin channel [mychannel]: ledger [mychannel] does not exist\n");
    }

    @Test
    void refusesWhileThePeerHoldsTheLedgers() {
        try (LedgerProvider running = LedgerProvider.open(ledgerConfig)) {
            CliRunner.Result result = PeerCliFixture.peer(config, 2, "node", "reset");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("Error: cannot open ledgers").contains("ledgersData");
            assertThat(result.err().lines().filter(l -> l.startsWith("Error:"))).hasSize(1);
        }
    }

    @Test
    void missingLedgersFolderIsAConfigError() {
        Path empty = fixture.coreYaml(dir.resolve("elsewhere"), "127.0.0.1:7051", "");

        CliRunner.Result result = PeerCliFixture.peer(empty, 2, "node", "rebuild-dbs");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no ledgers in").hasLineCount(1);
    }

    @Test
    void startWithAMissingConfigFileIsAUsageError() {
        CliRunner.Result result =
                CliRunner.run("peer", "node", "start", "--config", "/nonexistent/core.yaml", "--peer-chaincodedev");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("config file /nonexistent/core.yaml does not exist")
                .hasLineCount(1);
    }

    @Test
    void versionPrintsFabricsBlock() {
        CliRunner.Result result = CliRunner.run("peer", "version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("peer:\n Version: ")
                .contains("\n Java version: ")
                .contains("\n OS/Arch: ");
    }
}
