package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stacks shown to the user leave out the agent's frames by package ({@link CreationSite#AGENT}):
 * a new package must join that list, or its frames would show up as the program's.
 */
class AgentFramesTest {

    /** Start-up runs before any JDBC call; diagnose shares its name with the end-to-end tests' package. */
    private static final Set<String> NOT_IN_THE_LIST = Set.of("dev.jdbcguard", "dev.jdbcguard.diagnose");

    @Test
    void everyPackageOfTheAgentIsInTheListOfAgentFrames() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jdbcguard")) {
            packages.add(c.getPackageName());
        }
        packages.removeAll(NOT_IN_THE_LIST);
        assertThat(packages).isNotEmpty().allSatisfy(p -> assertThat(CreationSite.isAgent(p + ".AnyClass"))
                .as("frames of %s are the agent's", p).isTrue());
    }

    @Test
    void theListNamesNoPackageTheAgentDoesNotHave() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jdbcguard")) {
            packages.add(c.getPackageName() + ".");
        }
        assertThat(Arrays.stream(CreationSite.AGENT).filter(p -> !p.equals("dev.jdbcguard.shaded.")))
                .allSatisfy(p -> assertThat(packages).anySatisfy(known -> assertThat(known).startsWith(p)));
    }

    @Test
    void theEndToEndTestsPackagesAreTheProgramsNotTheAgents() {
        for (String tests : new String[] {"leaks", "threads", "healing", "diagnose", "faults", "truth", "apps"}) {
            assertThat(CreationSite.isAgent("dev.jdbcguard." + tests + ".SomeTest")).as(tests).isFalse();
        }
    }
}
