package io.weft.peer.cli.peer;

import io.weft.msp.SigningIdentity;
import io.weft.peer.cli.CliRunner;
import io.weft.testing.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A generated test network, a core.yaml naming Org1's admin as the client, and a way to run {@code peer}. */
final class PeerCliFixture {
    final TestNetwork network;
    final SigningIdentity admin;
    final SigningIdentity peer1;
    final SigningIdentity peer2;

    PeerCliFixture(Path dir) {
        network = TestNetwork.create(dir, TestNetwork.repoConfig());
        admin = network.admin(1);
        peer1 = network.peer(1);
        peer2 = network.peer(2);
    }

    /** A core.yaml for a client of Org1 talking to {@code peerAddress} without TLS. */
    Path coreYaml(Path dir, String peerAddress, String extra) {
        Path file = dir.resolve("core.yaml");
        String yaml = "peer:\n"
                + "  address: " + peerAddress + "\n"
                + "  localMspId: Org1MSP\n"
                + "  mspConfigPath: " + network.adminMspDir(1) + "\n"
                + "  fileSystemPath: " + dir.resolve("production") + "\n"
                + "  tls:\n"
                + "    enabled: false\n"
                + extra;
        try {
            Files.createDirectories(dir);
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs {@code peer <args>} with {@code --config} added after the subcommand path. */
    static CliRunner.Result peer(Path config, int commandWords, String... args) {
        List<String> all = new ArrayList<>();
        all.add("peer");
        for (int i = 0; i < args.length; i++) {
            all.add(args[i]);
            if (i == commandWords - 1) {
                all.add("--config");
                all.add(config.toString());
            }
        }
        return CliRunner.run(all.toArray(new String[0]));
    }
}
