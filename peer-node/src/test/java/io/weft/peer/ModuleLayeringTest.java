package io.weft.peer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md §2: modules depend downward only, and only on each other's API packages. */
class ModuleLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importWeft() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.weft");
    }

    @Test
    void mspDependsOnNoOtherWeftModule() {
        noClasses()
                .that()
                .resideInAPackage("io.weft.msp..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.weft.ledger..", "io.weft.orderer..", "io.weft.peer..", "io.weft.shim..")
                .check(classes);
    }

    @Test
    void ledgerDependsOnNoOtherWeftModule() {
        noClasses()
                .that()
                .resideInAPackage("io.weft.ledger..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.weft.msp..", "io.weft.orderer..", "io.weft.peer..", "io.weft.shim..")
                .check(classes);
    }

    @Test
    void ordererDoesNotDependOnThePeer() {
        noClasses()
                .that()
                .resideInAPackage("io.weft.orderer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.weft.peer..", "io.weft.shim..")
                .check(classes);
    }

    @Test
    void chaincodeShimStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("io.weft.shim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.weft.msp..", "io.weft.ledger..", "io.weft.orderer..", "io.weft.peer..")
                .check(classes);
    }

    @Test
    void internalPackagesAreUsedOnlyInsideTheirModule() {
        for (String module : new String[] {"msp", "ledger", "orderer", "shim"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.weft." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.weft." + module + ".internal..")
                    .check(classes);
        }
    }
}
