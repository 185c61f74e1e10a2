package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Java package that carries a Maven project: {@code pom.xml} in {@code folder} of code.tar.gz ({@code ""} or {@code
 * src}). It is built with {@link #MAVEN_ARGUMENTS} in that folder, and the jar it runs is picked from {@code target/}
 * by {@link #builtJar}.
 *
 * @param folder the folder of code.tar.gz holding pom.xml, {@code ""} for the root
 */
record MavenProject(String folder) implements JavaPackageCode {
    static final String POM = "pom.xml";

    /** What Fabric's javaenv runs ({@code mvn compile package -DskipTests -Dmaven.test.skip=true}), quietly. */
    static final List<String> MAVEN_ARGUMENTS =
            List.of("-B", "-ntp", "-Dstyle.color=never", "package", "-DskipTests", "-Dmaven.test.skip=true");

    /** Fabric's javaenv runs {@code target/chaincode.jar}; Weft too, when it is there. */
    static final String FABRIC_JAR = "chaincode.jar";

    /** The pom's path in code.tar.gz. */
    String pomPath() {
        return folder.isEmpty() ? POM : folder + "/" + POM;
    }

    /**
     * The jar to run among the jars directly in {@code target/} after the build (names relative to target): {@code
     * chaincode.jar} when there is one (Fabric's rule, e.g. maven-shade-plugin's {@code outputFile} or {@code
     * <finalName>chaincode</finalName>}); else the only one that can run (a Main-Class, or the official shim's
     * ContractRouter inside), leaving out shade's {@code original-*.jar} and {@code -sources}, {@code -javadoc},
     * {@code -tests} jars.
     *
     * @param what names the package in errors
     */
    static JavaChaincodeJar builtJar(List<TarFile> targetJars, String what) {
        for (TarFile jar : targetJars) {
            if (jar.name().equals(FABRIC_JAR)) {
                return JavaChaincodeJar.of("target/" + jar.name(), jar);
            }
        }
        List<JavaChaincodeJar> runnable = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (TarFile jar : targetJars) {
            String name = jar.name().toLowerCase(Locale.ROOT);
            if (name.startsWith("original-")
                    || name.endsWith("-sources.jar")
                    || name.endsWith("-javadoc.jar")
                    || name.endsWith("-tests.jar")) {
                continue;
            }
            seen.add(jar.name());
            try {
                runnable.add(JavaChaincodeJar.of("target/" + jar.name(), jar));
            } catch (ChaincodeException e) {
                // not runnable: a thin jar without Main-Class
            }
        }
        if (runnable.size() == 1) {
            return runnable.get(0);
        }
        String found = seen.isEmpty() ? "no jar" : String.join(", ", seen);
        throw new ChaincodeException("the Maven build of " + what + " left " + found + " in target/ and "
                + (runnable.isEmpty() ? "none" : runnable.size() + " of them") + " can run: Weft runs"
                + " target/chaincode.jar, else the one runnable jar in target/; make the fat jar target/chaincode.jar"
                + " (maven-shade-plugin <outputFile>${project.build.directory}/chaincode.jar</outputFile>)");
    }
}
