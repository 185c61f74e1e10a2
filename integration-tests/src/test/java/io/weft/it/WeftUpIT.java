package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft up --exit} from the repository root: the whole sample network and its first transactions. */
class WeftUpIT {
    @TempDir
    Path dir;

    @Test
    void bringsUpTheSampleNetworkAndCommitsTransactions() throws Exception {
        Path out = dir.resolve("weft-up.out");
        Path err = dir.resolve("weft-up.err");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        WeftProcesses.jar().toString(),
                        "weft",
                        "up",
                        "--exit",
                        "--runtime",
                        "process",
                        "--dir",
                        dir.resolve("network").toString()))
                .directory(WeftProcesses.home().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output + Files.readString(err)).isZero();
        assertThat(output)
                .contains("[weft up] chaincode 'basic' committed on mychannel")
                .contains(
                        "ReadAsset on peer0.org2: {\"AppraisedValue\":300,\"Color\":\"blue\",\"ID\":\"asset1\",\"Owner\":\"Jerry\",\"Size\":5}")
                .contains("First transaction committed");
    }
}
