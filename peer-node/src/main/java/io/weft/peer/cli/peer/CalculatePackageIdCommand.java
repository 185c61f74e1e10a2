package io.weft.peer.cli.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peer lifecycle chaincode calculatepackageid FILE [-O json]}: {@code label:sha256hex}, offline. */
@Command(
        name = "calculatepackageid",
        description = "Calculate the package ID for a chaincode.",
        mixinStandardHelpOptions = true)
final class CalculatePackageIdCommand extends PeerSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "packageFile", description = "The chaincode package")
    Path packageFile;

    @Option(
            names = {"-O", "--output"},
            paramLabel = "FORMAT",
            description = "The output format. Default is plain text; json is the only other format.")
    String output = "";

    @Override
    int execute() {
        if (packageFile == null) {
            throw usage("chaincode install package must be provided");
        }
        byte[] bytes = readPackage(this, packageFile);
        String packageId = packageId(ChaincodeArchive.label(bytes), bytes);
        if (output.toLowerCase(Locale.ROOT).equals("json")) {
            println(GoJson.indented(Map.of("package_id", packageId)));
        } else {
            println(packageId);
        }
        return 0;
    }

    static byte[] readPackage(PeerSubcommand command, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw command.usage("failed to read chaincode package at '" + file + "': " + e.getMessage());
        }
    }

    /** Fabric's package id: {@code label:hex(sha256(package bytes))}. */
    static String packageId(String label, byte[] bytes) {
        try {
            return label + ":"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
