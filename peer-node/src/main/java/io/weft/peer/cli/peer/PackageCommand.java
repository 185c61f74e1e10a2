package io.weft.peer.cli.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code peer lifecycle chaincode package OUT --path DIR --lang java --label LABEL}: writes a package in Fabric's
 * format. Weft runs Java chaincode, so {@code --lang} must be java (Fabric's default, golang, is refused with a hint).
 */
@Command(
        name = "package",
        description = "Package a chaincode and write the package to a file.",
        mixinStandardHelpOptions = true)
final class PackageCommand extends PeerSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "outputfile", description = "The package file to write")
    Path outputFile;

    @Option(
            names = {"-p", "--path"},
            paramLabel = "DIR",
            description = "Path to the chaincode (for Java: the project folder or the folder with the fat jar)")
    String path = "";

    @Option(
            names = {"-l", "--lang"},
            paramLabel = "LANG",
            description = "Language the chaincode is written in (Weft: java)")
    String lang = "golang";

    @Option(
            names = "--label",
            paramLabel = "LABEL",
            description = "The package label contains a human-readable description of the package")
    String label = "";

    @Override
    int execute() {
        if (outputFile == null) {
            throw usage("invalid number of args. expected only the output file");
        }
        if (path.isBlank()) {
            throw usage("chaincode path must be specified");
        }
        if (lang.isBlank()) {
            throw usage("chaincode language must be specified");
        }
        if (label.isBlank()) {
            throw usage("package label must be specified");
        }
        if (!ChaincodeArchive.LABEL.matcher(label).matches()) {
            throw usage(ChaincodeArchive.labelError(label));
        }
        if (!lang.toLowerCase(Locale.ROOT).equals("java")) {
            throw usage("chaincode language '" + lang + "' is not supported by Weft: package Java chaincode with"
                    + " --lang java (golang and node chaincode do not run on Weft)");
        }
        Path dir = Path.of(path);
        if (!Files.isDirectory(dir)) {
            throw usage("chaincode path " + path + " is not a folder");
        }
        byte[] bytes = ChaincodeArchive.javaPackage(dir, lang, label);
        try {
            Files.write(outputFile, bytes);
        } catch (IOException e) {
            throw new PeerCliException("error writing chaincode package to " + outputFile + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
