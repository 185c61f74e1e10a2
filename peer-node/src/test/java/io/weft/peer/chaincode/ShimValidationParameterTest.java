package io.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.ValidatedBlock;
import io.weft.msp.PolicyDsl;
import io.weft.shim.Chaincode;
import io.weft.shim.ChaincodeClient;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.ResponseUtils;
import io.weft.shim.ShimConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key-level endorsement policy set through Weft's own shim ({@code setStateValidationParameter}) becomes the
 * {@code VALIDATION_PARAMETER} metadata write of the read-write set, and reads back once committed.
 */
class ShimValidationParameterTest extends ChaincodeSupportTestBase {
    private static final String CC = "sbe";

    private ChaincodeClient client;

    @AfterEach
    void stopChaincode() {
        if (client != null) {
            client.close();
        }
    }

    /** {@code set <base64>} sets k's parameter; {@code get} answers k's parameter in base64. */
    private static final class ParameterChaincode implements Chaincode {
        @Override
        public Response init(ChaincodeStub stub) {
            return ResponseUtils.newSuccessResponse();
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            if (stub.getFunction().equals("set")) {
                stub.setStateValidationParameter(
                        "k", Base64.getDecoder().decode(stub.getParameters().get(0)));
                return ResponseUtils.newSuccessResponse();
            }
            byte[] parameter = stub.getStateValidationParameter("k");
            return ResponseUtils.newSuccessResponse(
                    parameter == null ? new byte[0] : Base64.getEncoder().encode(parameter));
        }
    }

    @Test
    void aParameterSetThroughTheShimIsAMetadataWriteAndReadsBackOnceCommitted() throws Exception {
        definitions.put(CC, CC + ":1");
        client = new ChaincodeClient(
                ShimConfig.of(CC + ":1", ShimConfig.DEFAULT_PEER_ADDRESS),
                new ParameterChaincode(),
                InProcessChannelBuilder.forName(serverName).build());
        client.start();
        client.ready().get(10, TimeUnit.SECONDS);
        commit(CC, s -> s.setState(CC, "k", utf8("v")));
        byte[] policy = PolicyDsl.parse("OR('Org2MSP.peer')").toByteArray();

        try (TxSimulator sim = ledger.newTxSimulator("set-tx")) {
            ChaincodeResult result = support.execute(invocation(
                    CHANNEL, "set-tx", CC, sim, "set", Base64.getEncoder().encodeToString(policy)));
            assertThat(result.response().getStatus()).isEqualTo(200);
            var results = sim.results();
            KVRWSet rw = KVRWSet.parseFrom(results.rwSet().getNsRwset(0).getRwset());
            assertThat(rw.getMetadataWritesList()).hasSize(1);
            assertThat(rw.getMetadataWrites(0).getKey()).isEqualTo("k");
            assertThat(rw.getMetadataWrites(0).getEntries(0).getName()).isEqualTo("VALIDATION_PARAMETER");
            assertThat(rw.getMetadataWrites(0).getEntries(0).getValue().toByteArray())
                    .isEqualTo(policy);
            ledger.commit(ValidatedBlock.allValid(chain.blockOf(chain.tx("set-tx", results))));
        }

        Outcome read = run(CC, "get");
        assertThat(Base64.getDecoder().decode(read.payload().getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(policy);
    }
}
