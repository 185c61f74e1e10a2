package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft up --exit} from the repository root: the whole sample network and its first transactions. */
class WeftUpIT {
    @TempDir
    Path dir;

    /** {@code weft up --exit --runtime process} with {@code options}: its output, once it exited with 0. */
    private String runToExit(String... options) throws Exception {
        Path out = dir.resolve("weft-up.out");
        Path err = dir.resolve("weft-up.err");
        List<String> args = new ArrayList<>(List.of("--exit", "--runtime", "process", "--dir"));
        args.add(dir.resolve("network").toString());
        args.addAll(List.of(options));
        Process process = WeftProcesses.weftUp(out, err, args.toArray(new String[0]));
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output + Files.readString(err)).isZero();
        return output;
    }

    @Test
    void bringsUpTheSampleNetworkAndCommitsTransactions() throws Exception {
        assertThat(runToExit())
                .contains("[weft up] chaincode 'basic' committed on mychannel")
                .contains(
                        "ReadAsset on peer0.org2: {\"AppraisedValue\":300,\"Color\":\"blue\",\"ID\":\"asset1\",\"Owner\":\"Jerry\",\"Size\":5}")
                .contains("First transaction committed");
    }

    @Test
    void withOneOrgTheChannelHasOrg1AndASinglePeer() throws Exception {
        assertThat(runToExit("--orgs", "1"))
                .contains("[weft up] peer0.org1 on 127.0.0.1:7051 joined mychannel")
                .doesNotContain("peer0.org2")
                .contains("[weft up] Org1MSP installed and approved")
                .doesNotContain("Org2MSP installed")
                .contains(
                        "ReadAsset on peer0.org1: {\"AppraisedValue\":300,\"Color\":\"blue\",\"ID\":\"asset1\",\"Owner\":\"Jerry\",\"Size\":5}")
                .contains("peer 127.0.0.1:7051 (Org1MSP), channel mychannel");
    }

    @Test
    void aSignaturePolicyGivenToWeftUpLetsOneOrgEndorseAlone() throws Exception {
        Path network = dir.resolve("network");
        Path log = dir.resolve("weft-up.out");
        Path err = dir.resolve("weft-up.err");
        Process up = WeftProcesses.weftUp(
                log,
                err,
                "--runtime",
                "process",
                "--signature-policy",
                "OR('Org1MSP.peer','Org2MSP.peer')",
                "--dir",
                network.toString());
        try {
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !up.isAlive() || Files.readString(log).contains("The network is running"));
            assertThat(up.isAlive())
                    .as(Files.readString(log) + Files.readString(err))
                    .isTrue();
            assertThat(Files.readString(log))
                    .contains("chaincode 'basic' committed on mychannel with endorsement policy"
                            + " OR('Org1MSP.peer','Org2MSP.peer')");
            // only Org1's peer endorses: enough under OR, an ENDORSEMENT_POLICY_FAILURE under the default MAJORITY
            Path organizations = network.resolve("organizations");
            WeftProcesses.Result invoke = WeftProcesses.exec(
                    dir,
                    Map.of(),
                    "peer",
                    "chaincode",
                    "invoke",
                    "-C",
                    "mychannel",
                    "-n",
                    "basic",
                    "-c",
                    "{\"Args\":[\"CreateAsset\",\"asset9\",\"green\",\"1\",\"Eve\",\"10\"]}",
                    "--peerAddresses",
                    "127.0.0.1:7051",
                    "--tlsRootCertFiles",
                    organizations
                            .resolve("peerOrganizations/org1.example.com/peers/peer0.org1.example.com/tls/ca.crt")
                            .toString(),
                    "-o",
                    "127.0.0.1:7050",
                    "--tls",
                    "--cafile",
                    organizations
                            .resolve("ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem")
                            .toString(),
                    "--waitForEvent",
                    "--config",
                    network.resolve("config/org1-admin.yaml").toString());
            assertThat(invoke.exitCode()).as(invoke.output()).isZero();
            assertThat(invoke.output()).contains("committed with status (VALID)");
        } finally {
            up.destroy();
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
    }
}
