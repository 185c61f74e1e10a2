package io.weft.peer.cli.weft;

import io.weft.msp.ConfigtxYaml;
import io.weft.msp.CryptoConfig;
import io.weft.msp.CryptoMaterialGenerator;
import io.weft.msp.CryptoProvider;
import io.weft.msp.GenesisBlockFactory;
import io.weft.peer.cli.CliRunner;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.OrdererConfig;
import io.weft.peer.config.PeerConfig;
import io.weft.peer.config.YamlConfig;
import io.weft.peer.node.DaemonParts;
import io.weft.peer.node.OrdererNode;
import io.weft.peer.node.PeerNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code weft up}: the sample network in one command and one JVM — crypto material, the channel's genesis block, an
 * orderer and one peer per org (Org1 and Org2, or Org1 alone with {@code --orgs 1}), the sample asset-transfer
 * chaincode installed, approved by every org and committed, and a few transactions — then it keeps running until
 * Ctrl-C and prints how to use it.
 */
@Command(
        name = "up",
        description = "Starts the sample network (orderer, a peer per org, a channel, the sample chaincode).",
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {
    private static final String CHANNEL = "mychannel";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            defaultValue = "weft-network",
            description = "Folder for the network (recreated; default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(
            names = "--runtime",
            defaultValue = "auto",
            description =
                    "Chaincode runtime: auto (Docker if the weft/javaenv image and an engine are there, else a child JVM), docker, process")
    String runtime;

    @Option(names = "--exit", description = "Stop after the first transactions instead of running until Ctrl-C")
    boolean exit;

    @Option(
            names = "--signature-policy",
            description = "Endorsement policy of the sample chaincode, as for peer lifecycle chaincode approveformyorg"
                    + " (default: the channel's Endorsement policy, a MAJORITY of its orgs; for example"
                    + " \"OR('Org1MSP.peer','Org2MSP.peer')\" lets one org's peer endorse alone)")
    String signaturePolicy;

    @Option(
            names = "--orgs",
            defaultValue = "2",
            description = "Peer orgs in the channel, each with one peer: 2 (Org1 and Org2) or 1 (Org1 alone, profile"
                    + " OneOrgChannelUsingRaft) (default: ${DEFAULT-VALUE})")
    int orgs;

    private final List<AutoCloseable> nodes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (orgs != 1 && orgs != 2) {
            throw new ParameterException(spec.commandLine(), "--orgs must be 1 or 2, not " + orgs);
        }
        Path repo = Path.of("").toAbsolutePath();
        Path repoConfig = repo.resolve("config");
        Path chaincodePackage = repo.resolve("samples/asset-transfer/target/asset-transfer.tar.gz");
        for (Path needed : List.of(
                repoConfig.resolve("crypto-config.yaml"), repoConfig.resolve("configtx.yaml"), chaincodePackage)) {
            if (!Files.isRegularFile(needed)) {
                throw new ParameterException(
                        spec.commandLine(),
                        needed + " is missing: run weft up from the repository root"
                                + " after ./mvnw -B package -DskipTests");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir.toAbsolutePath().normalize();
        Path config = prepare(root, repoConfig, out);
        Block genesis = genesis(config, orgs == 1 ? "OneOrgChannelUsingRaft" : "ChannelUsingRaft");
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeNodes, "weft-up-shutdown"));
        try {
            startNodes(config, genesis, out);
            deployChaincode(config, chaincodePackage, out);
            runTransactions(config, out);
            out.printf("%nFirst transaction committed %.1f s after start.%n", (System.nanoTime() - started) / 1e9);
            printNextSteps(root, out);
            if (!exit) {
                new CountDownLatch(1).await();
            }
            return 0;
        } finally {
            if (exit) {
                closeNodes();
            }
        }
    }

    private Path prepare(Path root, Path repoConfig, PrintWriter out) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path config = root.resolve("config");
        Files.createDirectories(config);
        for (String file : List.of("configtx.yaml", "orderer.yaml", "core.yaml", "crypto-config.yaml")) {
            Files.copy(repoConfig.resolve(file), config.resolve(file));
        }
        new CryptoMaterialGenerator(CryptoProvider.detect(), Clock.systemUTC())
                .generate(CryptoConfig.load(config.resolve("crypto-config.yaml")), root.resolve("organizations"));
        out.println("[weft up] crypto material in " + root.resolve("organizations"));
        for (int org = 1; org <= orgs; org++) {
            String domain = "org" + org + ".example.com";
            String base = "../organizations/peerOrganizations/" + domain;
            Files.writeString(
                    config.resolve("org" + org + "-admin.yaml"),
                    """
                    peer:
                      address: 127.0.0.1:%d
                      localMspId: Org%dMSP
                      mspConfigPath: %s/users/Admin@%s/msp
                      tls:
                        enabled: true
                        rootcert:
                          file: %s/peers/peer0.%s/tls/ca.crt
                    """
                            .formatted(org == 1 ? 7051 : 9051, org, base, domain, base, domain));
        }
        return config;
    }

    private static Block genesis(Path config, String profile) throws IOException {
        Block block = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC())
                .genesisBlock(
                        CHANNEL,
                        ConfigtxYaml.load(config.resolve("configtx.yaml")).profile(profile));
        Files.write(config.getParent().resolve(CHANNEL + ".block"), block.toByteArray());
        return block;
    }

    private void startNodes(Path config, Block genesis, PrintWriter out) {
        OrdererNode orderer = new OrdererNode(
                OrdererConfig.from(YamlConfig.load(config.resolve("orderer.yaml"), "ORDERER", Map.of())),
                Clock.systemUTC());
        nodes.add(orderer);
        orderer.start();
        orderer.registrar().join(genesis);
        out.println("[weft up] orderer on 127.0.0.1:7050 (admin 127.0.0.1:7053) joined " + CHANNEL);
        for (int org = 1; org <= orgs; org++) {
            Path coreYaml = orgs == 1 ? config.resolve("core.yaml") : peerCoreYaml(config, org);
            PeerNode peer = new PeerNode(
                    PeerConfig.from(YamlConfig.load(coreYaml, "CORE", peerEnv(org))),
                    Clock.systemUTC(),
                    new DaemonParts());
            nodes.add(peer);
            peer.start();
            peer.channels().joinChain(genesis);
            out.printf("[weft up] peer0.org%d on 127.0.0.1:%d joined %s%n", org, org == 1 ? 7051 : 9051, CHANNEL);
        }
    }

    /**
     * core.yaml for one peer, naming the other org's peer in {@code peer.gateway.peers} so that either gateway can
     * collect the endorsements the sample chaincode's MAJORITY policy needs.
     */
    private static Path peerCoreYaml(Path config, int org) {
        int other = org == 1 ? 2 : 1;
        String entry =
                """
                    peers:
                      - mspid: Org%dMSP
                        address: 127.0.0.1:%d
                        tlsRootCert: ../organizations/peerOrganizations/org%d.example.com/tlsca/tlsca.org%d.example.com-cert.pem
                """
                        .formatted(other, other == 1 ? 7051 : 9051, other, other);
        try {
            String text = Files.readString(config.resolve("core.yaml"));
            if (!text.contains("    peers: []\n")) {
                throw new ConfigException(
                        "config/core.yaml: expected 'peers: []' under peer.gateway to add the other org's peer");
            }
            Path file = config.resolve("core-org" + org + ".yaml");
            Files.writeString(file, text.replace("    peers: []\n", entry));
            return file;
        } catch (IOException e) {
            throw new ConfigException("cannot write the peer config in " + config + ": " + e.getMessage());
        }
    }

    private Map<String, String> peerEnv(int org) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("CORE_CHAINCODE_RUNTIME", runtime);
        if (org == 2) {
            String peerDir = "../organizations/peerOrganizations/org2.example.com/peers/peer0.org2.example.com";
            env.put("CORE_PEER_ID", "peer0.org2.example.com");
            env.put("CORE_PEER_LOCALMSPID", "Org2MSP");
            env.put("CORE_PEER_LISTENADDRESS", "127.0.0.1:9051");
            env.put("CORE_PEER_ADDRESS", "127.0.0.1:9051");
            env.put("CORE_PEER_CHAINCODELISTENADDRESS", "127.0.0.1:9052");
            env.put("CORE_PEER_CHAINCODEADDRESS", "127.0.0.1:9052");
            env.put("CORE_PEER_MSPCONFIGPATH", peerDir + "/msp");
            env.put("CORE_PEER_FILESYSTEMPATH", "../production/peer0.org2");
            env.put("CORE_PEER_TLS_CERT_FILE", peerDir + "/tls/server.crt");
            env.put("CORE_PEER_TLS_KEY_FILE", peerDir + "/tls/server.key");
            env.put("CORE_PEER_TLS_ROOTCERT_FILE", peerDir + "/tls/ca.crt");
            env.put("CORE_PEER_TLS_CLIENTROOTCAS_FILES", peerDir + "/tls/ca.crt");
            env.put("CORE_OPERATIONS_LISTENADDRESS", "127.0.0.1:9445");
        }
        return env;
    }

    private void deployChaincode(Path config, Path chaincodePackage, PrintWriter out) {
        CliRunner.Result calculated =
                CliRunner.run("peer", "lifecycle", "chaincode", "calculatepackageid", chaincodePackage.toString());
        if (calculated.exitCode() != 0) {
            throw new ConfigException(
                    "cannot read " + chaincodePackage + ": " + calculated.err().strip());
        }
        String packageId = calculated.out().strip();
        for (int org = 1; org <= orgs; org++) {
            peer(config, org, "lifecycle", "chaincode", "install", chaincodePackage.toString());
            peer(config, org, withOrderer(config, definition("approveformyorg", "--package-id", packageId)));
            out.printf("[weft up] Org%dMSP installed and approved %s%n", org, packageId);
        }
        peer(config, 1, withPeers(config, withOrderer(config, definition("commit"))));
        out.println("[weft up] chaincode 'basic' committed on " + CHANNEL
                + (signaturePolicy == null ? "" : " with endorsement policy " + signaturePolicy));
    }

    private void runTransactions(Path config, PrintWriter out) {
        peer(
                config,
                1,
                withPeers(
                        config,
                        withOrderer(
                                config,
                                "chaincode",
                                "invoke",
                                "-C",
                                CHANNEL,
                                "-n",
                                "basic",
                                "-c",
                                "{\"Args\":[\"CreateAsset\",\"asset1\",\"blue\",\"5\",\"Tom\",\"300\"]}",
                                "--waitForEvent")));
        peer(
                config,
                1,
                withPeers(
                        config,
                        withOrderer(
                                config,
                                "chaincode",
                                "invoke",
                                "-C",
                                CHANNEL,
                                "-n",
                                "basic",
                                "-c",
                                "{\"Args\":[\"TransferAsset\",\"asset1\",\"Jerry\"]}",
                                "--waitForEvent")));
        String asset = peer(
                        config,
                        orgs,
                        "chaincode",
                        "query",
                        "-C",
                        CHANNEL,
                        "-n",
                        "basic",
                        "-c",
                        "{\"Args\":[\"ReadAsset\",\"asset1\"]}")
                .strip();
        out.println("[weft up] CreateAsset and TransferAsset committed; ReadAsset on peer0.org" + orgs + ": " + asset);
    }

    private String peer(Path config, int org, String... args) {
        List<String> command = new ArrayList<>(List.of("peer"));
        command.addAll(List.of(args));
        command.add("--config");
        command.add(config.resolve("org" + org + "-admin.yaml").toString());
        CliRunner.Result result = CliRunner.run(command.toArray(new String[0]));
        if (result.exitCode() != 0) {
            throw new ConfigException("'peer " + String.join(" ", args) + "' failed: "
                    + result.err().strip());
        }
        return result.out();
    }

    /**
     * {@code peer lifecycle chaincode <subcommand>} for the sample chaincode's definition (sequence 1, the
     * {@code --signature-policy} given to weft up if any), then {@code extra}.
     */
    private String[] definition(String subcommand, String... extra) {
        List<String> all = new ArrayList<>(List.of(
                "lifecycle", "chaincode", subcommand, "-C", CHANNEL, "-n", "basic", "-v", "1.0", "--sequence", "1"));
        if (signaturePolicy != null) {
            all.addAll(List.of("--signature-policy", signaturePolicy));
        }
        all.addAll(List.of(extra));
        return all.toArray(new String[0]);
    }

    private static String[] withOrderer(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "-o",
                "127.0.0.1:7050",
                "--tls",
                "--cafile",
                config.resolveSibling("organizations/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem")
                        .toString()));
        return all.toArray(new String[0]);
    }

    private String[] withPeers(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        for (int org = 1; org <= orgs; org++) {
            all.addAll(List.of(
                    "--peerAddresses",
                    "127.0.0.1:" + (org == 1 ? 7051 : 9051),
                    "--tlsRootCertFiles",
                    config.resolveSibling("organizations/peerOrganizations/org" + org + ".example.com/peers/peer0.org"
                                    + org + ".example.com/tls/ca.crt")
                            .toString()));
        }
        return all.toArray(new String[0]);
    }

    private void printNextSteps(Path root, PrintWriter out) {
        String org1 = root + "/organizations/peerOrganizations/org1.example.com";
        out.println();
        out.println("The network is running (Ctrl-C stops it). Orderer 127.0.0.1:7050, "
                + (orgs == 1
                        ? "peer 127.0.0.1:7051 (Org1MSP)"
                        : "peers 127.0.0.1:7051 (Org1MSP) and 127.0.0.1:9051 (Org2MSP)")
                + ", channel " + CHANNEL + ", chaincode 'basic'.");
        out.println("Use the CLI as Org1's admin (in another shell, from the repository root):");
        out.println(
                "  export CORE_PEER_LOCALMSPID=Org1MSP CORE_PEER_ADDRESS=127.0.0.1:7051 CORE_PEER_TLS_ENABLED=true");
        out.println("  export CORE_PEER_MSPCONFIGPATH=" + org1 + "/users/Admin@org1.example.com/msp");
        out.println("  export CORE_PEER_TLS_ROOTCERT_FILE=" + org1 + "/peers/peer0.org1.example.com/tls/ca.crt");
        out.println("  bin/peer chaincode query -C " + CHANNEL + " -n basic -c '{\"Args\":[\"GetAllAssets\"]}'");
        out.println("Client apps: the fabric-gateway SDK against 127.0.0.1:7051 with TLS CA " + org1
                + "/peers/peer0.org1.example.com/tls/ca.crt. Operations: http://127.0.0.1:9444/metrics.");
        out.flush();
    }

    private void closeNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (Exception e) {
                // best effort while stopping
            }
        }
        nodes.clear();
    }
}
