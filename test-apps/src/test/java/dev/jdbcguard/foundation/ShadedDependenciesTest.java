package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.ForeignLibsApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's ASM (from byte-buddy) is a private copy and it carries no logging library: the
 * application keeps its own byte-buddy and its own slf4j binding.
 */
class ShadedDependenciesTest {

    @Test
    void applicationKeepsItsOwnSlf4jBindingAndByteBuddy() throws Exception {
        TestServer server = TestServers.shared();
        Path foreign = Paths.get(System.getProperty("jdbcguard.foreignLibs"));
        String driverJar = Paths.get(org.mariadb.jdbc.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        String classpath;
        try (Stream<Path> jars = Files.list(foreign)) {
            classpath = System.getProperty("jdbcguard.appClasses") + File.pathSeparator + driverJar + File.pathSeparator
                    + jars.map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
        ChildJvm.Result result = ChildJvm.withClasspath(classpath).agent(Apps.agentJar(), null)
                .run(ForeignLibsApp.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output)
                .contains("slf4j binding: ch.qos.logback.classic.LoggerContext")
                .containsPattern("INFO +dev.jdbcguard.apps.ForeignLibsApp - hello from the application's own logger")
                .contains("byte-buddy-1.14.19.jar")
                .contains("[INFO] jdbc-guard - started (-javaagent)")
                .contains("query result: 1")
                .contains("tracked connections: 1");
    }

    @Test
    void agentJarShipsOnlyRelocatedClasses() throws Exception {
        List<String> foreignClasses = new ArrayList<>();
        try (JarFile jar = new JarFile(Apps.agentJar())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                boolean isClass = name.endsWith(".class") && !name.startsWith("META-INF/");
                if (isClass && !name.startsWith("dev/jdbcguard/")) {
                    foreignClasses.add(name);
                }
            }
            assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.jdbcguard.AgentMain");
            assertThat(jar.getManifest().getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.jdbcguard.AgentMain");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.jdbcguard.AgentMain");
            assertThat(jar.getEntry("dev/jdbcguard/shaded/bytebuddy/jar/asm/ClassReader.class")).isNotNull();
            assertThat(jar.getEntry("dev/jdbcguard/shaded/bytebuddy/ByteBuddy.class")).as("only ASM of byte-buddy").isNull();
            assertThat(jar.getEntry("dev/jdbcguard/shaded/bytebuddy/agent/ByteBuddyAgent.class")).as("the CLI's attach")
                    .isNotNull();
            assertThat(jar.getEntry("dev/jdbcguard/shaded/bytebuddy/agent/VirtualMachine.class"))
                    .as("not byte-buddy-agent's JNA-based attach emulation").isNull();
            assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.contains("slf4j")))
                    .as("the agent writes its log lines itself").isEmpty();
        }
        assertThat(foreignClasses).isEmpty();
    }
}
