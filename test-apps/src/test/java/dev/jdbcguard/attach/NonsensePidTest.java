package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attach and status with nonsense pids: a usage error or "no such process", never a stack trace. */
class NonsensePidTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "attach,abc,1,'abc' is not a process id; list JVMs with: java -jar jdbc-guard-agent.jar list",
        "attach,-1,1,'-1' is not a process id",
        "status,12x,1,'12x' is not a process id",
        "attach,0,2,no process with pid 0",
        "status,99999999999,2,no process with pid 99999999999"})
    void nonsensePidsGetAClearMessage(String command, String pid, int exit, String message) throws Exception {
        Cli cli = Cli.run(command, pid);
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(exit);
        assertThat(cli.err).startsWith("jdbc-guard: ").contains(message).doesNotContain("Exception");
    }
}
