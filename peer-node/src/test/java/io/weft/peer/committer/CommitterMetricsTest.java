package io.weft.peer.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit path's metrics under Fabric's names and labels, read from the Prometheus scrape. */
class CommitterMetricsTest {
    @TempDir
    Path dir;

    private CommitterFixture fixture;

    @BeforeEach
    void joinChannel() {
        fixture = new CommitterFixture(TestNetwork.create(dir.resolve("net"), TestNetwork.repoConfig()), dir)
                .joinAndDefine();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void countsCommittedTransactionsByTypeChaincodeAndFinalValidationCode() {
        var network = fixture.network;
        assertThat(fixture.commit(
                        fixture.tx("basic")
                                .write("basic", "k", "1")
                                .endorsedBy(network.peer(1))
                                .build(),
                        // reads k, which the transaction before it in the block writes
                        fixture.tx("basic")
                                .read("basic", "k", null)
                                .write("basic", "other", "1")
                                .endorsedBy(network.peer(1))
                                .build(),
                        fixture.tx("basic").write("basic", "k", "2").build()))
                .containsExactly(VALID, MVCC_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE);

        String scrape = fixture.metrics.scrape();

        assertThat(scrape)
                .contains("ledger_transaction_count{channel=\"mychannel\",transaction_type=\"ENDORSER_TRANSACTION\","
                        + "chaincode=\"basic:1.0\",validation_code=\"VALID\"} 1\n")
                .contains("ledger_transaction_count{channel=\"mychannel\",transaction_type=\"ENDORSER_TRANSACTION\","
                        + "chaincode=\"basic:1.0\",validation_code=\"MVCC_READ_CONFLICT\"} 1\n")
                // as on Fabric, a transaction the committer invalidated is of unknown type and chaincode
                .contains("ledger_transaction_count{channel=\"mychannel\",transaction_type=\"unknown\","
                        + "chaincode=\"unknown\",validation_code=\"ENDORSEMENT_POLICY_FAILURE\"} 1\n")
                // block 1 defined three chaincodes through _lifecycle
                .contains("ledger_transaction_count{channel=\"mychannel\",transaction_type=\"ENDORSER_TRANSACTION\","
                        + "chaincode=\"_lifecycle:syscc\",validation_code=\"VALID\"} 3\n")
                .contains("ledger_block_processing_time_count{channel=\"mychannel\"} 2\n")
                .contains("ledger_blockstorage_and_pvtdata_commit_time_count{channel=\"mychannel\"} 2\n")
                .contains("# TYPE ledger_block_processing_time histogram\n");
    }
}
