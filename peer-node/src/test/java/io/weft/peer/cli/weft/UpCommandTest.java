package io.weft.peer.cli.weft;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.peer.cli.CliRunner;
import org.junit.jupiter.api.Test;

/** {@code weft up}'s option checks; the network itself is started by WeftUpIT (integration-tests). */
class UpCommandTest {
    @Test
    void orgsOtherThanOneOrTwoAreRefusedBeforeAnythingIsWritten() {
        for (String orgs : new String[] {"0", "3"}) {
            CliRunner.Result result = CliRunner.run("weft", "up", "--orgs", orgs, "--dir", "never-created");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("--orgs must be 1 or 2, not " + orgs);
            assertThat(java.nio.file.Path.of("never-created")).doesNotExist();
        }
    }

    @Test
    void orgsMustBeANumber() {
        CliRunner.Result result = CliRunner.run("weft", "up", "--orgs", "one");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--orgs");
    }
}
