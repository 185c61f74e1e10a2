package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The runnable jar of a Java chaincode: the prebuilt jar a package carries, or the one a {@link MavenProject}'s build
 * made. Fabric's javaenv build copies every prebuilt {@code *.jar} found anywhere in {@code code.tar.gz} ({@code peer
 * lifecycle chaincode package --lang java --path build/libs} puts them under {@code src/}); Weft runs exactly one: the
 * only jar, or the one named {@code chaincode.jar}. With a {@code Main-Class} it runs as {@code java -jar}; without one
 * it must contain the official shim's {@code ContractRouter} (what Fabric's start script runs) and runs with that as
 * main class.
 *
 * @param name the jar's path in code.tar.gz (or in the build's output)
 * @param mainClass the manifest's Main-Class, empty when the jar runs ContractRouter
 */
record JavaChaincodeJar(String name, String mainClass, TarFile file) implements JavaPackageCode {
    static final String CONTRACT_ROUTER = "org.hyperledger.fabric.contract.ContractRouter";

    /** The jar to run among the (non-empty) jars of a package, or a clear error. */
    static JavaChaincodeJar select(List<TarFile> jars) {
        TarFile jar = jars.get(0);
        if (jars.size() > 1) {
            List<TarFile> named = jars.stream()
                    .filter(f -> f.name().equals("chaincode.jar") || f.name().endsWith("/chaincode.jar"))
                    .toList();
            if (named.size() != 1) {
                throw new ChaincodeException("Java chaincode package holds " + jars.size() + " jars ("
                        + String.join(", ", jars.stream().map(TarFile::name).toList())
                        + "); Weft runs one fat jar: package only it, or name it chaincode.jar");
            }
            jar = named.get(0);
        }
        return of(jar.name(), jar);
    }

    /** A runnable jar, or a {@link ChaincodeException} saying why {@code file} cannot run. */
    static JavaChaincodeJar of(String name, TarFile file) {
        return new JavaChaincodeJar(name, mainClass(name, file.content()), file);
    }

    private static String mainClass(String name, byte[] content) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(content))) {
            Manifest manifest = in.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            if (main != null && !main.isBlank()) {
                return main.trim();
            }
            String router = CONTRACT_ROUTER.replace('.', '/') + ".class";
            JarEntry entry;
            boolean any = false;
            while ((entry = in.getNextJarEntry()) != null) {
                any = true;
                if (entry.getName().equals(router)) {
                    return "";
                }
            }
            throw new ChaincodeException(
                    any
                            ? "the jar " + name + " has no Main-Class in its manifest and no " + CONTRACT_ROUTER
                                    + ": Weft runs Java chaincode as a fat jar (java -jar)"
                            : name + " is not a jar (no entries)");
        } catch (IOException e) {
            throw new ChaincodeException(name + " is not a valid jar: " + e.getMessage(), e);
        }
    }

    /** The JVM arguments that run the jar stored at {@code jarPath}. */
    List<String> javaArguments(String jarPath) {
        return mainClass.isEmpty() ? List.of("-cp", jarPath, CONTRACT_ROUTER) : List.of("-jar", jarPath);
    }

    byte[] content() {
        return file.content();
    }
}
