package dev.jdbcguard;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the agent's class files: each capability
 * depends on the core (and the tools below it), never on another capability; the core names no
 * capability; start-up alone wires them together; and no two packages depend on each other in a
 * circle.
 */
@AnalyzeClasses(packages = "dev.jdbcguard", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    private static final String START_UP = "start-up";
    private static final String[] CAPABILITIES = {"healing", "threads", "leaks and pools", "diagnosis", "reporting",
        "command line"};

    @ArchTest
    static final ArchRule capabilitiesMeetOnlyInTheCore = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("dev.jdbcguard..")
            .layer(START_UP).definedBy("dev.jdbcguard")
            .layer("healing").definedBy("dev.jdbcguard.heal..")
            .layer("threads").definedBy("dev.jdbcguard.sharing..")
            .layer("leaks and pools").definedBy("dev.jdbcguard.leak..")
            .layer("diagnosis").definedBy("dev.jdbcguard.diagnose..")
            .layer("reporting").definedBy("dev.jdbcguard.report..")
            .layer("command line").definedBy("dev.jdbcguard.cli..")
            .layer("core").definedBy("dev.jdbcguard.core..")
            .layer("weaving").definedBy("dev.jdbcguard.instrument..")
            .layer("bridge").definedBy("dev.jdbcguard.bootstrap..")
            .layer("tools").definedBy("dev.jdbcguard.driver..", "dev.jdbcguard.mask..", "dev.jdbcguard.sql..")
            .whereLayer("healing").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("threads").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("leaks and pools").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("diagnosis").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("reporting").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("command line").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("core").mayOnlyBeAccessedByLayers(with(CAPABILITIES, START_UP, "weaving"))
            .whereLayer("weaving").mayOnlyBeAccessedByLayers(START_UP)
            .whereLayer("bridge").mayNotAccessAnyLayer()
            .whereLayer("tools").mayNotAccessAnyLayer();

    /** Top-level packages with their sub-packages: {@code dev.jdbcguard.core..} is one slice. */
    @ArchTest
    static final ArchRule noCycleBetweenTopLevelPackages = slices().matching("dev.jdbcguard.(*)..")
            .should().beFreeOfCycles();

    /** Every package on its own. */
    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("dev.jdbcguard.(**)")
            .should().beFreeOfCycles();

    private static String[] with(String[] names, String... more) {
        String[] all = java.util.Arrays.copyOf(names, names.length + more.length);
        System.arraycopy(more, 0, all, names.length, more.length);
        return all;
    }
}
