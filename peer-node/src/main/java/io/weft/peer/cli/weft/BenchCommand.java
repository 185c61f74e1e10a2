package io.weft.peer.cli.weft;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code weft bench}: a load tool that drives a peer's Gateway service through the official {@code fabric-gateway}
 * client, as applications do, with N concurrent callers, and reports throughput and latency percentiles. The workload
 * is the sample asset-transfer chaincode: {@code CreateAsset} of a fresh key (endorse, submit) or {@code ReadAsset}
 * (evaluate). Its defaults point at the network {@code weft up} starts.
 */
@Command(
        name = "bench",
        description = "Drives endorse, evaluate and submit load through the fabric-gateway client and reports tx/s"
                + " and latency percentiles (defaults: the network of 'weft up').",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
    /** What one call does. */
    enum Mode {
        /** Evaluate a read-only transaction (ReadAsset) on the gateway's peer. */
        evaluate,
        /** Endorse CreateAsset of a fresh key, collecting the endorsements the policy needs, without submitting. */
        endorse,
        /** Endorse, submit to the orderer and wait for the commit status (VALID counts as success). */
        submit
    }

    private static final String ORG1 = "organizations/peerOrganizations/org1.example.com";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mode",
            split = ",",
            defaultValue = "evaluate,endorse,submit",
            description =
                    "What to drive, one run each, in order: evaluate, endorse, submit (default: ${DEFAULT-VALUE})")
    List<Mode> modes;

    @Option(
            names = "--callers",
            defaultValue = "100",
            description = "Concurrent callers, each calling back to back (default: ${DEFAULT-VALUE})")
    int callers;

    @Option(
            names = "--duration",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Measured time per mode, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Unmeasured load before each mode's measurement (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(
            names = "--network",
            defaultValue = "weft-network",
            description = "Folder of a 'weft up' network: the TLS CA and Org1's User1 come from it"
                    + " (default: ${DEFAULT-VALUE})")
    Path network;

    @Option(
            names = "--peer",
            defaultValue = "127.0.0.1:7051",
            description = "Gateway peer address (default: ${DEFAULT-VALUE})")
    String peer;

    @Option(names = "--tls-ca", description = "TLS root certificate of the peer (default: from --network)")
    Path tlsCa;

    @Option(names = "--no-tls", description = "Connect without TLS")
    boolean noTls;

    @Option(names = "--mspid", defaultValue = "Org1MSP", description = "Client MSP ID (default: ${DEFAULT-VALUE})")
    String mspId;

    @Option(
            names = "--msp",
            description = "Client MSP folder with signcerts/ and keystore/ (default: Org1's User1 from --network)")
    Path msp;

    @Option(names = "--channel", defaultValue = "mychannel", description = "Channel (default: ${DEFAULT-VALUE})")
    String channelName;

    @Option(
            names = "--sdk-signer",
            description = "Sign with the fabric-gateway SDK's own signer (BouncyCastle, in Java) instead of Weft's"
                    + " crypto provider (native where it loads); the SDK's signer costs the client several times the"
                    + " CPU per call")
    boolean sdkSigner;

    @Option(names = "--chaincode", defaultValue = "basic", description = "Chaincode (default: ${DEFAULT-VALUE})")
    String chaincode;

    @Override
    public Integer call() throws Exception {
        if (callers < 1 || callers > 10_000) {
            throw new ParameterException(spec.commandLine(), "--callers must be 1..10000, was " + callers);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must be more than 0, was " + duration);
        }
        if (warmup.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative, was " + warmup);
        }
        PrintWriter out = spec.commandLine().getOut();
        String runId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ManagedChannel connection = connect();
        try (Gateway gateway = gateway(connection)) {
            Contract contract = gateway.getNetwork(channelName).getContract(chaincode);
            String readKey = "bench-" + runId + "-read";
            prepare(contract, readKey);
            out.printf(
                    "weft bench: %d callers, %s warm-up + %s measured per mode, gateway %s, %s/%s%n",
                    callers, seconds(warmup), seconds(duration), peer, channelName, chaincode);
            boolean anyCompleted = false;
            for (Mode mode : modes) {
                LoadRun.Result result = new LoadRun(callers, warmup, duration, System::nanoTime)
                        .run(operation(mode, contract, runId, readKey));
                print(mode, result, out);
                anyCompleted |= result.completed() > 0;
            }
            return anyCompleted ? 0 : 1;
        } finally {
            connection.shutdownNow();
            connection.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static LoadRun.Operation operation(Mode mode, Contract contract, String runId, String readKey) {
        return switch (mode) {
            case evaluate -> (caller, sequence) -> contract.evaluateTransaction("ReadAsset", readKey);
            case endorse ->
                (caller, sequence) -> contract.newProposal("CreateAsset")
                        .addArguments(createArguments(key(runId, "e", caller, sequence)))
                        .build()
                        .endorse();
            case submit ->
                (caller, sequence) -> {
                    Status status = contract.newProposal("CreateAsset")
                            .addArguments(createArguments(key(runId, "s", caller, sequence)))
                            .build()
                            .endorse()
                            .submitAsync()
                            .getStatus();
                    if (!status.isSuccessful()) {
                        throw new IllegalStateException("committed as " + status.getCode());
                    }
                };
        };
    }

    private static String key(String runId, String mode, int caller, long sequence) {
        return "bench-" + runId + "-" + mode + caller + "-" + sequence;
    }

    private static String[] createArguments(String key) {
        return new String[] {key, "blue", "5", "Tom", "300"};
    }

    /** One committed asset for evaluate to read; also proves the peer and chaincode answer before the load starts. */
    private void prepare(Contract contract, String readKey) {
        try {
            contract.submitTransaction("CreateAsset", createArguments(readKey));
        } catch (GatewayException e) {
            throw new IllegalStateException("the first transaction through the gateway at " + peer + " failed: "
                    + e.getMessage() + " (is the network running, e.g. 'bin/weft up'?)");
        } catch (org.hyperledger.fabric.client.CommitException e) {
            throw new IllegalStateException("the first transaction did not commit: " + e.getMessage());
        }
    }

    private ManagedChannel connect() {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(peer);
        if (noTls) {
            builder.usePlaintext();
        } else {
            Path ca = tlsCa != null ? tlsCa : network.resolve(ORG1 + "/peers/peer0.org1.example.com/tls/ca.crt");
            requireFile(ca, "--tls-ca");
            try {
                builder.sslContext(
                        GrpcSslContexts.forClient().trustManager(ca.toFile()).build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "cannot use " + ca + " as TLS root certificate: " + e.getMessage());
            }
        }
        return builder.build();
    }

    private Gateway gateway(ManagedChannel connection) throws IOException {
        Path folder = msp != null ? msp : network.resolve(ORG1 + "/users/User1@org1.example.com/msp");
        Path cert = firstFile(folder.resolve("signcerts"));
        Path key = firstFile(folder.resolve("keystore"));
        try (Reader certReader = Files.newBufferedReader(cert);
                Reader keyReader = Files.newBufferedReader(key)) {
            PrivateKey privateKey = Identities.readPrivateKey(keyReader);
            Gateway.Builder builder =
                    Gateway.newInstance().identity(new X509Identity(mspId, Identities.readX509Certificate(certReader)));
            if (sdkSigner) {
                builder.signer(Signers.newPrivateKeySigner(privateKey)).hash(Hash.SHA256);
            } else {
                // the SDK hands the whole message to the signer (Hash.NONE); the provider hashes and signs it, low-S
                CryptoProvider crypto = CryptoProvider.detect();
                PrivateKey providerKey = crypto.privateKey(privateKey.getEncoded());
                builder.signer(message -> crypto.sign(providerKey, message)).hash(Hash.NONE);
            }
            return builder.connection(connection)
                    .evaluateOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .submitOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(2, TimeUnit.MINUTES))
                    .connect();
        } catch (CertificateException | InvalidKeyException | MspException e) {
            throw new ParameterException(
                    spec.commandLine(), "cannot read the client identity in " + folder + ": " + e.getMessage());
        }
    }

    private Path firstFile(Path folder) throws IOException {
        requireFile(folder, "--msp");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), folder + " holds no file"));
        }
    }

    private void requireFile(Path path, String option) {
        if (!Files.exists(path)) {
            throw new ParameterException(
                    spec.commandLine(),
                    path + " does not exist: start the network with 'bin/weft up' or pass " + option);
        }
    }

    private static void print(Mode mode, LoadRun.Result result, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-8s %,10.1f tx/s  %,8d done  %,6d failed  latency ms p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                mode,
                result.perSecond(),
                result.completed(),
                result.failed(),
                millis(result.latency(0.50)),
                millis(result.latency(0.90)),
                millis(result.latency(0.99)),
                millis(result.latency(1.0)));
        for (Map.Entry<String, Long> failure : result.failures().entrySet()) {
            out.printf(Locale.ROOT, "         %,d x %s%n", failure.getValue(), failure.getKey());
        }
        out.flush();
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
    }

    /** "30s", "2m", "500ms" or plain seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                if (text.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                if (text.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a duration such as 30s, 2m or 500ms, got '" + value + "'");
            }
        }
    }
}
