package io.weft.peer.chaincode;

import io.weft.peer.chaincode.TarArchives.TarFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the {@code code.tar.gz} of a Java package carries, decided as Fabric's javaenv {@code build.sh} decides: a
 * project when {@code build.gradle(.kts)} or {@code pom.xml} is at the root or under {@code src/} (root first, Gradle
 * before Maven; {@code peer lifecycle chaincode package --lang java --path DIR} puts the folder under {@code src/}),
 * otherwise a prebuilt jar. Weft builds Maven projects ({@link MavenProject}) and runs jars ({@link JavaChaincodeJar});
 * a Gradle project, or a package with neither a project nor a jar, is refused with the reason.
 */
sealed interface JavaPackageCode permits MavenProject, JavaChaincodeJar {
    /** The folders of code.tar.gz searched for a build file, in Fabric's order. */
    List<String> PROJECT_FOLDERS = List.of("", "src");

    /** What the package carries, or a {@link ChaincodeException} naming the package and what is wrong with it. */
    static JavaPackageCode detect(ChaincodePackage pkg) {
        for (String folder : PROJECT_FOLDERS) {
            String prefix = folder.isEmpty() ? "" : folder + "/";
            Optional<String> gradle = List.of("build.gradle", "build.gradle.kts").stream()
                    .map(name -> prefix + name)
                    .filter(name -> pkg.codeFile(name).isPresent())
                    .findFirst();
            if (gradle.isPresent()) {
                throw new ChaincodeException("Java chaincode package " + pkg.packageId() + " is a Gradle project ("
                        + gradle.get() + "), which Weft does not build: package a Maven project (pom.xml) or the"
                        + " folder with the built fat jar");
            }
            if (pkg.codeFile(prefix + MavenProject.POM).isPresent()) {
                return new MavenProject(folder);
            }
        }
        List<TarFile> jars = pkg.codeFiles().stream()
                .filter(f -> f.name().toLowerCase(Locale.ROOT).endsWith(".jar"))
                .toList();
        if (jars.isEmpty()) {
            throw new ChaincodeException("Java chaincode package " + pkg.packageId() + " holds neither a Maven"
                    + " project (pom.xml at the root of code.tar.gz or under src/) nor a jar: package the project"
                    + " folder or the folder with the fat jar (peer lifecycle chaincode package --lang java --path"
                    + " DIR)");
        }
        return JavaChaincodeJar.select(jars);
    }
}
