package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two orgs, one peer process each, and one orderer process on loopback, set up with the real CLIs as README's
 * walkthrough does: cryptogen, configtxgen, osnadmin channel join, peer channel join, then the chaincode lifecycle
 * (package, install on both peers, approveformyorg by each org with an endorsement policy needing both orgs,
 * checkcommitreadiness, commit endorsed by both peers, querycommitted). The official fabric-gateway client, connected
 * only to Org1's peer, submits a transaction whose second endorsement Org1's gateway collects from Org2's peer
 * ({@code peer.gateway.peers}); a transaction endorsed by Org1 alone is committed as ENDORSEMENT_POLICY_FAILURE.
 *
 * <p>Ports (used by no other test): orderer 11050 (admin 11053), Org1's peer 11051 (chaincode 11052), Org2's peer
 * 11061 (chaincode 11062), operations 11443-11445. Chaincode runs as a child JVM of each peer (no Docker).
 */
class TwoOrgNetworkIT {
    private static final String CHANNEL = "mychannel";
    private static final String CHAINCODE = "basic";
    private static final String LABEL = "basic_1.0";
    private static final String POLICY = "AND('Org1MSP.peer','Org2MSP.peer')";
    private static final String ORDERER = "127.0.0.1:11050";
    private static final String ORDERER_ADMIN = "127.0.0.1:11053";
    private static final Pattern PACKAGE_ID = Pattern.compile(Pattern.quote(LABEL) + ":[0-9a-f]{64}");
    private static final Pattern COMMITTED_TX = Pattern.compile("txid \\[([0-9a-f]+)] committed with status");

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DumpLogsOnFailure DUMP_LOGS = new DumpLogsOnFailure();

    /** The orderer and peer processes, in start order. */
    private static final List<Node> NODES = new CopyOnWriteArrayList<>();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ManagedChannel org1Connection;

    /** A long-running node process and its log. */
    private record Node(String name, Process process, Path log) {}

    @BeforeAll
    static void startNetworkAndCommitChaincode() throws Exception {
        generateCryptoAndConfig();
        startNodes();
        // while the nodes start: the channel's genesis block and the chaincode package
        writeGenesisBlock();
        String packageId = packageChaincode();
        joinChannel();
        deployChaincode(packageId);
        org1Connection = NettyChannelBuilder.forAddress("127.0.0.1", peerPort(1))
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(peerTls(1).resolve("ca.crt").toFile())
                        .build())
                .build();
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (org1Connection != null) {
            org1Connection.shutdownNow();
        }
        // SIGTERM first, so that each peer stops its chaincode JVMs; then SIGKILL whatever is left, children too
        Map<Node, List<ProcessHandle>> children = new HashMap<>();
        for (Node node : NODES) {
            children.put(node, node.process().descendants().toList());
            node.process().destroy();
        }
        for (Node node : NODES) {
            if (!node.process().waitFor(20, TimeUnit.SECONDS)) {
                node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            children.get(node).forEach(ProcessHandle::destroyForcibly);
        }
        NODES.clear();
    }

    @Test
    void gatewayOfOneOrgCollectsTheOtherOrgsEndorsement() throws Exception {
        try (Gateway gateway = org1Gateway()) {
            Network network = gateway.getNetwork(CHANNEL);
            Contract contract = network.getContract(CHAINCODE);

            SubmittedTransaction created = contract.newProposal("CreateAsset")
                    .addArguments("asset-2org", "green", "7", "Ann", "500")
                    .build()
                    .endorse()
                    .submitAsync();
            Status status = created.getStatus();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);

            ProcessedTransaction committed = committedTransaction(network, created.getTransactionId());
            assertThat(committed.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
            assertThat(endorserMspIds(committed.getTransactionEnvelope()))
                    .containsExactlyInAnyOrder("Org1MSP", "Org2MSP");

            // Org2's peer committed the block too: evaluate there through Org1's gateway, and with Org2's own CLI
            await().atMost(Duration.ofSeconds(30))
                    .ignoreException(GatewayException.class)
                    .untilAsserted(() -> assertThat(utf8(contract.newProposal("ReadAsset")
                                    .addArguments("asset-2org")
                                    .setEndorsingOrganizations("Org2MSP")
                                    .build()
                                    .evaluate()))
                            .contains("\"Owner\":\"Ann\""));
            assertThat(peerCli(2, "chaincode", "query", "-C", CHANNEL, "-n", CHAINCODE, "-c", readAsset("asset-2org")))
                    .contains("\"ID\":\"asset-2org\"", "\"Owner\":\"Ann\"");
        }
    }

    @Test
    void transactionEndorsedByOneOrgFailsTheEndorsementPolicy() throws Exception {
        List<String> invoke = new ArrayList<>(List.of(
                "peer",
                "chaincode",
                "invoke",
                "-C",
                CHANNEL,
                "-n",
                CHAINCODE,
                "-c",
                "{\"Args\":[\"CreateAsset\",\"asset-org1\",\"red\",\"3\",\"Bob\",\"100\"]}",
                "--waitForEvent"));
        invoke.addAll(peerAddresses(1));
        invoke.addAll(ordererFlags());
        WeftProcesses.Result result = WeftProcesses.exec(dir, admin(1), invoke.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("committed with status (ENDORSEMENT_POLICY_FAILURE)")
                .contains("transaction invalidated with status (ENDORSEMENT_POLICY_FAILURE)");
        Matcher txId = COMMITTED_TX.matcher(result.output());
        assertThat(txId.find()).as(result.output()).isTrue();

        try (Gateway gateway = org1Gateway()) {
            Network network = gateway.getNetwork(CHANNEL);
            ProcessedTransaction committed = committedTransaction(network, txId.group(1));
            assertThat(committed.getValidationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);
            assertThat(endorserMspIds(committed.getTransactionEnvelope())).containsExactly("Org1MSP");

            // the same through the gateway when the client asks for Org1's endorsement only
            Contract contract = network.getContract(CHAINCODE);
            Status status = contract.newProposal("CreateAsset")
                    .addArguments("asset-org1-gateway", "red", "3", "Bob", "100")
                    .setEndorsingOrganizations("Org1MSP")
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            for (String asset : List.of("asset-org1", "asset-org1-gateway")) {
                assertThatThrownBy(() -> contract.evaluateTransaction("ReadAsset", asset))
                        .isInstanceOf(GatewayException.class)
                        .hasMessageContaining("Asset " + asset + " does not exist");
            }
        }
    }

    // --- network set-up, as README's two-org walkthrough (each org's steps run side by side, as two admins would) ---

    private static void generateCryptoAndConfig() throws Exception {
        Path repoConfig = WeftProcesses.home().resolve("config");
        Path config = Files.createDirectories(dir.resolve("config"));
        WeftProcesses.run(
                dir,
                Map.of(),
                "cryptogen",
                "generate",
                "--config",
                repoConfig.resolve("crypto-config.yaml").toString(),
                "--output",
                dir.resolve("organizations").toString());
        // the sample configtx.yaml with this test's ports (where peers find the orderer, the anchor peers) and a
        // shorter BatchTimeout, so that each transaction waits less for its block
        String configtx = Files.readString(repoConfig.resolve("configtx.yaml"));
        configtx = replace(configtx, "- 127.0.0.1:7050", "- " + ORDERER);
        configtx = replace(configtx, "Port: 7050", "Port: 11050");
        configtx = replace(configtx, "Port: 7051", "Port: " + peerPort(1));
        configtx = replace(configtx, "Port: 9051", "Port: " + peerPort(2));
        configtx = replace(configtx, "BatchTimeout: 2s", "BatchTimeout: 500ms");
        Files.writeString(config.resolve("configtx.yaml"), configtx);
        Files.copy(repoConfig.resolve("orderer.yaml"), config.resolve("orderer.yaml"));
        for (int org = 1; org <= 2; org++) {
            writePeerCoreYaml(repoConfig, org);
        }
    }

    /**
     * The sample core.yaml with the other org's peer under {@code peer.gateway.peers}, so that this peer's gateway can
     * collect the endorsement the AND policy needs; the rest of the peer's settings come from CORE_* variables.
     */
    private static void writePeerCoreYaml(Path repoConfig, int org) throws IOException {
        int other = 3 - org;
        String gatewayPeers =
                """
                    peers:
                      - mspid: Org%dMSP
                        address: 127.0.0.1:%d
                        tlsRootCert: %s
                """
                        .formatted(
                                other,
                                peerPort(other),
                                peerOrg(other).resolve("tlsca/tlsca.org" + other + ".example.com-cert.pem"));
        String core = replace(Files.readString(repoConfig.resolve("core.yaml")), "    peers: []\n", gatewayPeers);
        Files.writeString(Files.createDirectories(peerConfigDir(org)).resolve("core.yaml"), core);
    }

    private static void writeGenesisBlock() throws Exception {
        WeftProcesses.run(
                dir,
                Map.of("FABRIC_CFG_PATH", dir.resolve("config").toString()),
                "configtxgen",
                "-profile",
                "ChannelUsingRaft",
                "-channelID",
                CHANNEL,
                "-outputBlock",
                channelBlock().toString());
    }

    private static void startNodes() throws IOException {
        Map<String, String> orderer = Map.of(
                "FABRIC_CFG_PATH",
                dir.resolve("config").toString(),
                "ORDERER_GENERAL_LISTENPORT",
                "11050",
                "ORDERER_ADMIN_LISTENADDRESS",
                ORDERER_ADMIN,
                "ORDERER_OPERATIONS_LISTENADDRESS",
                operationsAddress(0));
        start("orderer", orderer, "orderer");
        for (int org = 1; org <= 2; org++) {
            Path tls = peerTls(org);
            Map<String, String> env = new HashMap<>();
            env.put("FABRIC_CFG_PATH", peerConfigDir(org).toString());
            env.put("CORE_PEER_ID", "peer0.org" + org + ".example.com");
            env.put("CORE_PEER_LOCALMSPID", "Org" + org + "MSP");
            env.put("CORE_PEER_LISTENADDRESS", peerAddress(org));
            env.put("CORE_PEER_ADDRESS", peerAddress(org));
            env.put("CORE_PEER_CHAINCODELISTENADDRESS", "127.0.0.1:" + (peerPort(org) + 1));
            env.put("CORE_PEER_CHAINCODEADDRESS", "127.0.0.1:" + (peerPort(org) + 1));
            env.put("CORE_PEER_MSPCONFIGPATH", peerNode(org).resolve("msp").toString());
            env.put(
                    "CORE_PEER_FILESYSTEMPATH",
                    dir.resolve("production/peer0.org" + org).toString());
            env.put("CORE_PEER_TLS_CERT_FILE", tls.resolve("server.crt").toString());
            env.put("CORE_PEER_TLS_KEY_FILE", tls.resolve("server.key").toString());
            env.put("CORE_PEER_TLS_ROOTCERT_FILE", tls.resolve("ca.crt").toString());
            env.put("CORE_PEER_TLS_CLIENTROOTCAS_FILES", tls.resolve("ca.crt").toString());
            env.put("CORE_OPERATIONS_LISTENADDRESS", operationsAddress(org));
            env.put("CORE_CHAINCODE_RUNTIME", "process");
            start("peer0.org" + org, env, "peer", "node", "start");
        }
    }

    private static void start(String name, Map<String, String> env, String... args) throws IOException {
        Path log = dir.resolve(name + ".log");
        NODES.add(new Node(name, WeftProcesses.start(log, env, args), log));
    }

    /** {@code peer lifecycle chaincode package} of the sample's fat jar, and its package ID. */
    private static String packageChaincode() throws Exception {
        Path source = Files.createDirectories(dir.resolve("chaincode"));
        Files.copy(
                WeftProcesses.home().resolve("samples/asset-transfer/target/chaincode.jar"),
                source.resolve("chaincode.jar"));
        peerCli(
                1,
                "lifecycle",
                "chaincode",
                "package",
                chaincodePackage().toString(),
                "--path",
                source.toString(),
                "--lang",
                "java",
                "--label",
                LABEL);
        String calculated = peerCli(
                1,
                "lifecycle",
                "chaincode",
                "calculatepackageid",
                chaincodePackage().toString());
        Matcher packageId = PACKAGE_ID.matcher(calculated);
        assertThat(packageId.find()).as(calculated).isTrue();
        return packageId.group();
    }

    private static void joinChannel() throws Exception {
        // wait for the operations endpoints rather than retrying CLI processes against nodes still starting
        for (int node = 0; node <= 2; node++) {
            String healthz = "http://" + operationsAddress(node) + "/healthz";
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
                    .until(() -> {
                        assertNodesAlive();
                        return HTTP.send(
                                                HttpRequest.newBuilder(URI.create(healthz))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    });
        }
        Path ordererTls = ordererOrg().resolve("orderers/orderer.example.com/tls");
        Path adminTls = ordererOrg().resolve("users/Admin@example.com/tls");
        assertThat(WeftProcesses.run(
                        dir,
                        Map.of(),
                        "osnadmin",
                        "channel",
                        "join",
                        "--channelID",
                        CHANNEL,
                        "--config-block",
                        channelBlock().toString(),
                        "-o",
                        ORDERER_ADMIN,
                        "--ca-file",
                        ordererTls.resolve("ca.crt").toString(),
                        "--client-cert",
                        adminTls.resolve("client.crt").toString(),
                        "--client-key",
                        adminTls.resolve("client.key").toString()))
                .contains("Status: 201");
        inBothOrgs(org -> peerCli(org, "channel", "join", "-b", channelBlock().toString()));
    }

    private static void deployChaincode(String packageId) throws Exception {
        inBothOrgs(org -> {
            assertThat(peerCli(
                            org,
                            "lifecycle",
                            "chaincode",
                            "install",
                            chaincodePackage().toString()))
                    .contains("Chaincode code package identifier: " + packageId);
            List<String> approve = new ArrayList<>(List.of(
                    "lifecycle",
                    "chaincode",
                    "approveformyorg",
                    "--package-id",
                    packageId,
                    "--signature-policy",
                    POLICY));
            approve.addAll(definition());
            approve.addAll(ordererFlags());
            peerCli(org, approve.toArray(String[]::new));
        });
        inBothOrgs(org -> {
            List<String> readiness = new ArrayList<>(List.of(
                    "lifecycle", "chaincode", "checkcommitreadiness", "--signature-policy", POLICY, "-O", "json"));
            readiness.addAll(definition());
            // each peer sees the other org's approval once it has committed that block
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            peerCli(org, readiness.toArray(String[]::new)).replaceAll("\\s", ""))
                    .contains("\"Org1MSP\":true", "\"Org2MSP\":true"));
        });

        List<String> commit =
                new ArrayList<>(List.of("lifecycle", "chaincode", "commit", "--signature-policy", POLICY));
        commit.addAll(definition());
        commit.addAll(peerAddresses(1));
        commit.addAll(peerAddresses(2));
        commit.addAll(ordererFlags());
        peerCli(1, commit.toArray(String[]::new));
        inBothOrgs(org -> assertThat(
                        peerCli(org, "lifecycle", "chaincode", "querycommitted", "-C", CHANNEL, "-n", CHAINCODE))
                .contains("Version: 1.0, Sequence: 1")
                .contains("Approvals: [Org1MSP: true, Org2MSP: true]"));
    }

    /** A step each org's admin takes. */
    private interface OrgStep {
        void run(int org) throws Exception;
    }

    /** Runs the step for Org1 and Org2 at the same time; fails with the first failure. */
    private static void inBothOrgs(OrgStep step) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> steps = new ArrayList<>();
            for (int org = 1; org <= 2; org++) {
                int current = org;
                steps.add(executor.submit(() -> {
                    step.run(current);
                    return null;
                }));
            }
            for (Future<Void> future : steps) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<String> definition() {
        return List.of("-C", CHANNEL, "-n", CHAINCODE, "-v", "1.0", "--sequence", "1");
    }

    private static List<String> ordererFlags() {
        return List.of(
                "-o",
                ORDERER,
                "--tls",
                "--cafile",
                ordererOrg().resolve("tlsca/tlsca.example.com-cert.pem").toString());
    }

    private static List<String> peerAddresses(int org) {
        return List.of(
                "--peerAddresses",
                peerAddress(org),
                "--tlsRootCertFiles",
                peerTls(org).resolve("ca.crt").toString());
    }

    /** Runs {@code peer ARGS} as the admin of the given org against that org's peer (README's {@code org} function). */
    private static String peerCli(int org, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("peer"));
        command.addAll(List.of(args));
        return WeftProcesses.run(dir, admin(org), command.toArray(String[]::new));
    }

    private static Map<String, String> admin(int org) {
        return Map.of(
                "FABRIC_CFG_PATH", peerConfigDir(org).toString(),
                "CORE_PEER_LOCALMSPID", "Org" + org + "MSP",
                "CORE_PEER_ADDRESS", peerAddress(org),
                "CORE_PEER_TLS_ENABLED", "true",
                "CORE_PEER_MSPCONFIGPATH",
                        peerOrg(org)
                                .resolve("users/Admin@org" + org + ".example.com/msp")
                                .toString(),
                "CORE_PEER_TLS_ROOTCERT_FILE", peerTls(org).resolve("ca.crt").toString());
    }

    /** Fails at once, with the node's log, when a node process has died (a port in use, a bad config). */
    private static void assertNodesAlive() throws IOException {
        for (Node node : NODES) {
            if (!node.process().isAlive()) {
                throw new AssertionError(
                        node.name() + " exited " + node.process().exitValue() + ":\n" + Files.readString(node.log()));
            }
        }
    }

    // --- the gateway client and what the ledger recorded ---

    private static Gateway org1Gateway() throws Exception {
        Path user = peerOrg(1).resolve("users/User1@org1.example.com/msp");
        return Gateway.newInstance()
                .identity(new X509Identity(
                        "Org1MSP", Identities.readX509Certificate(reader(onlyFile(user.resolve("signcerts"))))))
                .signer(Signers.newPrivateKeySigner(
                        Identities.readPrivateKey(reader(onlyFile(user.resolve("keystore"))))))
                .hash(Hash.SHA256)
                .connection(org1Connection)
                .connect();
    }

    /** The transaction as the ledger of the gateway's peer holds it, from {@code qscc GetTransactionByID}. */
    private static ProcessedTransaction committedTransaction(Network network, String txId) throws Exception {
        return ProcessedTransaction.parseFrom(
                network.getContract("qscc").evaluateTransaction("GetTransactionByID", CHANNEL, txId));
    }

    private static List<String> endorserMspIds(Envelope envelope) throws InvalidProtocolBufferException {
        Transaction transaction =
                Transaction.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
        List<String> mspIds = new ArrayList<>();
        for (TransactionAction action : transaction.getActionsList()) {
            for (Endorsement endorsement : ChaincodeActionPayload.parseFrom(action.getPayload())
                    .getAction()
                    .getEndorsementsList()) {
                mspIds.add(
                        SerializedIdentity.parseFrom(endorsement.getEndorser()).getMspid());
            }
        }
        return mspIds;
    }

    private static String readAsset(String id) {
        return "{\"Args\":[\"ReadAsset\",\"" + id + "\"]}";
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Path onlyFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findFirst().orElseThrow();
        }
    }

    private static Reader reader(Path file) throws IOException {
        return Files.newBufferedReader(file);
    }

    // --- layout ---

    private static String replace(String text, String target, String replacement) {
        assertThat(text).as("sample config to adapt").contains(target);
        return text.replace(target, replacement);
    }

    private static int peerPort(int org) {
        return org == 1 ? 11051 : 11061;
    }

    private static String peerAddress(int org) {
        return "127.0.0.1:" + peerPort(org);
    }

    /** The operations endpoint of the orderer (0) or of an org's peer. */
    private static String operationsAddress(int node) {
        return "127.0.0.1:" + (11443 + node);
    }

    private static Path chaincodePackage() {
        return dir.resolve(LABEL + ".tar.gz");
    }

    private static Path channelBlock() {
        return dir.resolve(CHANNEL + ".block");
    }

    private static Path peerConfigDir(int org) {
        return dir.resolve("peer0.org" + org);
    }

    private static Path ordererOrg() {
        return dir.resolve("organizations/ordererOrganizations/example.com");
    }

    private static Path peerOrg(int org) {
        return dir.resolve("organizations/peerOrganizations/org" + org + ".example.com");
    }

    private static Path peerNode(int org) {
        return peerOrg(org).resolve("peers/peer0.org" + org + ".example.com");
    }

    private static Path peerTls(int org) {
        return peerNode(org).resolve("tls");
    }

    /** Prints the end of every node's log when a test or the set-up fails (the temp folder goes with the run). */
    static final class DumpLogsOnFailure
            implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
        private static final int LINES = 300;

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            dump();
            throw failure;
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
                throws Throwable {
            dump();
            throw failure;
        }

        private static void dump() {
            for (Node node : NODES) {
                try {
                    List<String> lines = Files.readAllLines(node.log());
                    System.out.printf(
                            "----- %s (%s), last %d of %d lines of %s -----%n",
                            node.name(),
                            node.process().isAlive()
                                    ? "running"
                                    : "exited " + node.process().exitValue(),
                            Math.min(LINES, lines.size()),
                            lines.size(),
                            node.log());
                    lines.subList(Math.max(0, lines.size() - LINES), lines.size())
                            .forEach(System.out::println);
                } catch (IOException e) {
                    System.out.println("cannot read " + node.log() + ": " + e);
                }
            }
        }
    }
}
