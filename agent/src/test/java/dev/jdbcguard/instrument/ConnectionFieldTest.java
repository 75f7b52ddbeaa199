package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

/** The field woven statement code reads its connection from, found in the real drivers' class files. */
class ConnectionFieldTest {

    @Test
    void connectorJStatementsOfEveryKindReadTheFieldDeclaredInStatementImpl() {
        assertAllRead("com/mysql/cj/jdbc/StatementImpl", "connection", "Lcom/mysql/cj/jdbc/JdbcConnection;",
                "com/mysql/cj/jdbc/StatementImpl", "com/mysql/cj/jdbc/ClientPreparedStatement",
                "com/mysql/cj/jdbc/ServerPreparedStatement", "com/mysql/cj/jdbc/CallableStatement");
    }

    @Test
    void mariaDbStatementsReadTheFieldDeclaredInTheirBaseStatement() {
        assertAllRead("org/mariadb/jdbc/Statement", "con", "Lorg/mariadb/jdbc/Connection;",
                "org/mariadb/jdbc/Statement", "org/mariadb/jdbc/ClientPreparedStatement",
                "org/mariadb/jdbc/ServerPreparedStatement");
    }

    @Test
    void anyOtherStatementHasNoKnownFieldAndTheBridgeAsksTheStatement() {
        assertThat(ConnectionField.of(reader("dev/jdbcguard/instrument/StatementSubject"), ConnectionFieldTest::classFile))
                .isNull();
    }

    @Test
    void aMissingSuperclassFileMeansNoField() {
        assertThat(ConnectionField.of(reader("com/mysql/cj/jdbc/ClientPreparedStatement"), type -> null)).isNull();
    }

    private static void assertAllRead(String owner, String name, String descriptor, String... types) {
        for (String type : types) {
            ConnectionField field = ConnectionField.of(reader(type), ConnectionFieldTest::classFile);

            assertThat(field).as(type).isNotNull();
            assertThat(field.owner).isEqualTo(owner);
            assertThat(field.name).isEqualTo(name);
            assertThat(field.descriptor).isEqualTo(descriptor);
        }
    }

    private static ClassReader reader(String type) {
        return new ClassReader(classFile(type));
    }

    private static byte[] classFile(String type) {
        try (InputStream in = ConnectionFieldTest.class.getClassLoader().getResourceAsStream(type + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
