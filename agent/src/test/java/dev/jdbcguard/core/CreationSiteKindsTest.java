package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which frames are the program's: Spring's sample applications are, Spring's own modules and launchers are not. */
class CreationSiteKindsTest {

    @Test
    void frameworksLaunchersAndJdbcAreToldApart() {
        assertThat(CreationSite.kindOf("org.springframework.samples.petclinic.owner.OwnerController")).isEqualTo(CreationSite.PROGRAM);
        assertThat(CreationSite.kindOf("org.springframework.jdbc.core.JdbcTemplate")).isEqualTo(CreationSite.FRAMEWORK);
        assertThat(CreationSite.kindOf("org.springframework.boot.loader.launch.JarLauncher")).isEqualTo(CreationSite.LAUNCHER);
        assertThat(CreationSite.kindOf("org.apache.maven.surefire.booter.ForkedBooter")).isEqualTo(CreationSite.LAUNCHER);
        assertThat(CreationSite.kindOf("worker.org.gradle.process.internal.worker.GradleWorkerMain")).isEqualTo(CreationSite.LAUNCHER);
        assertThat(CreationSite.kindOf("com.intellij.rt.execution.application.AppMainV2")).isEqualTo(CreationSite.LAUNCHER);
        assertThat(CreationSite.kindOf("org.codehaus.mojo.exec.ExecJavaMojo$1")).isEqualTo(CreationSite.LAUNCHER);
        assertThat(CreationSite.kindOf("jdk.internal.reflect.DirectMethodHandleAccessor")).isEqualTo(CreationSite.MACHINERY);
        assertThat(CreationSite.kindOf("com.zaxxer.hikari.HikariDataSource")).isEqualTo(CreationSite.MACHINERY);
        assertThat(CreationSite.kindOf("dev.jdbcguard.apps.LeakDrops")).isEqualTo(CreationSite.PROGRAM);
    }
}
