package dev.jdbcguard.program;

import dev.jdbcguard.core.CreationSite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * (In a package of its own: the agent's packages are machinery, never the program's frames.)
 * A creation site is the chain of the program's own frames: the helper and its callers, never a
 * launcher, a framework, a pool, a driver or the agent. Real stacks of this test JVM (surefire and
 * JUnit below it) and stacks written down from a Spring Boot 4 fat jar and from HikariCP.
 */
class CreationSiteTest {

    @Test
    void aHelperAndItsCallersOnTheRealStackWithoutJUnitOrSurefire() {
        String chain = leakOne();
        assertThat(chain).startsWith("dev.jdbcguard.program.CreationSiteTest.open(CreationSiteTest.java:")
                .contains(" <- CreationSiteTest.leakOne(CreationSiteTest.java:")
                .contains(" <- CreationSiteTest.aHelperAndItsCallersOnTheRealStackWithoutJUnitOrSurefire(CreationSiteTest.java:")
                .doesNotContain("junit").doesNotContain("surefire").doesNotContain("reflect").doesNotContain("via");
        assertThat(chain.split(" <- ")).hasSize(3);
    }

    @Test
    void twoCallersOfOneHelperAreTwoSites() {
        assertThat(leakOne()).isNotEqualTo(leakTwo());
        assertThat(leakOne().substring(0, leakOne().indexOf(" <- ")))
                .isEqualTo(leakTwo().substring(0, leakTwo().indexOf(" <- ")));
    }

    @Test
    void lambdasAndReflectionShowOnlyTheProgramsFrames() throws Exception {
        Callable<String> task = () -> open();
        String viaLambda = task.call();
        assertThat(viaLambda).contains("CreationSiteTest.lambda$").doesNotContain("$$Lambda");
        Method m = CreationSiteTest.class.getDeclaredMethod("open");
        String viaReflection = (String) m.invoke(null);
        assertThat(viaReflection).contains(" <- CreationSiteTest.lambdasAndReflectionShowOnlyTheProgramsFrames(")
                .doesNotContain("Method.invoke").doesNotContain("jdk.internal");
    }

    @Test
    void deepRecursionShowsTheRecursiveMethodOnceAndStillReachesItsCaller() {
        String chain = recurse(300);
        assertThat(chain).contains("CreationSiteTest.recurse(CreationSiteTest.java:")
                .contains(" (recursive) <- CreationSiteTest.deepRecursionShowsTheRecursiveMethodOnceAndStillReachesItsCaller(");
        assertThat(chain.split(" <- ").length).isLessThanOrEqualTo(CreationSite.CHAIN);
    }

    @Test
    void mutualRecursionShowsEachMethodOnceAndStillReachesItsCaller() {
        String chain = ping(200);
        assertThat(chain).contains("CreationSiteTest.ping(").contains("CreationSiteTest.pong(")
                .contains(" <- CreationSiteTest.mutualRecursionShowsEachMethodOnceAndStillReachesItsCaller(");
        assertThat(chain.split("CreationSiteTest.ping\\(", -1)).hasSize(2);
    }

    @Test
    void aHelperCalledFromFiftyPlacesIsFiftySites() {
        java.util.Set<String> sites = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            sites.add(Callers.call(i));
        }
        assertThat(sites).hasSize(50);
    }

    @Test
    void aSpringBootPoolNamesTheProgramsMainAndTheFrameworkNeverTheLauncher() {
        // the pool's creation as a Boot 4 fat jar of Spring PetClinic (package org.springframework.samples)
        // shows it: HikariCP starts its pool at the first getConnection, which Hibernate asks for
        StackTraceElement[] stack = {
            frame("dev.jdbcguard.core.CreationSite", "here", "CreationSite.java", 70),
            frame("dev.jdbcguard.core.Pools", "created", "Pools.java", 35),
            frame("dev.jdbcguard.bootstrap.Bridge", "poolCreated", "Bridge.java", 90),
            frame("com.zaxxer.hikari.pool.PoolBase", "<init>", "PoolBase.java", 104),
            frame("com.zaxxer.hikari.pool.HikariPool", "<init>", "HikariPool.java", 110),
            frame("com.zaxxer.hikari.HikariDataSource", "getConnection", "HikariDataSource.java", 111),
            frame("org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl", "getConnection",
                    "DatasourceConnectionProviderImpl.java", 126),
            frame("org.hibernate.engine.jdbc.env.internal.JdbcEnvironmentInitiator", "initiateService",
                    "JdbcEnvironmentInitiator.java", 145),
            frame("org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean", "createNativeEntityManagerFactory",
                    "LocalContainerEntityManagerFactoryBean.java", 419),
            frame("org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory", "invokeInitMethods",
                    "AbstractAutowireCapableBeanFactory.java", 1873),
            frame("org.springframework.context.support.AbstractApplicationContext", "refresh",
                    "AbstractApplicationContext.java", 619),
            frame("org.springframework.boot.SpringApplication", "run", "SpringApplication.java", 318),
            frame("org.springframework.samples.petclinic.PetClinicApplication", "main", "PetClinicApplication.java", 34),
            frame("java.base/jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", "DirectMethodHandleAccessor.java", 103),
            frame("java.lang.reflect.Method", "invoke", "Method.java", 580),
            frame("org.springframework.boot.loader.launch.Launcher", "launch", "Launcher.java", 106),
            frame("org.springframework.boot.loader.launch.Launcher", "launch", "Launcher.java", 64),
            frame("org.springframework.boot.loader.launch.JarLauncher", "main", "JarLauncher.java", 40),
        };
        String chain = CreationSite.chainOf(stack);
        assertThat(chain).isEqualTo("org.springframework.samples.petclinic.PetClinicApplication.main(PetClinicApplication.java:34)"
                + " (via org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection("
                + "DatasourceConnectionProviderImpl.java:126))");
        assertThat(chain).doesNotContain("JarLauncher").doesNotContain("Launcher");
    }

    @Test
    void aPoolThreadWithNoFrameOfTheProgramSaysSoInsteadOfNamingALauncher() {
        StackTraceElement[] onlyMachinery = {
            frame("com.zaxxer.hikari.pool.PoolBase", "newConnection", "PoolBase.java", 364),
            frame("com.zaxxer.hikari.pool.HikariPool$PoolEntryCreator", "call", "HikariPool.java", 731),
            frame("java.util.concurrent.FutureTask", "run", "FutureTask.java", 317),
            frame("java.lang.Thread", "run", "Thread.java", 1583),
        };
        assertThat(CreationSite.chainOf(onlyMachinery)).isEqualTo("no frame of the program's own");
        StackTraceElement[] launcherOnly = {
            frame("org.springframework.boot.loader.launch.JarLauncher", "main", "JarLauncher.java", 40),
        };
        assertThat(CreationSite.chainOf(launcherOnly)).isEqualTo("no frame of the program's own");
        assertThat(CreationSite.chainOf(new StackTraceElement[0])).isEqualTo("unknown");
    }

    @Test
    void springProxiesAndCglibFramesAreNotTheProgramButTheBeanMethodIs() {
        StackTraceElement[] stack = {
            frame("com.mysql.cj.jdbc.NonRegisteringDriver", "connect", "NonRegisteringDriver.java", 181),
            frame("java.sql.DriverManager", "getConnection", "DriverManager.java", 683),
            frame("com.example.shop.Db", "open", "Db.java", 12),
            frame("com.example.shop.OrderService", "place", "OrderService.java", 30),
            frame("com.example.shop.OrderService$$SpringCGLIB$$0", "place", null, -1),
            frame("org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor", "intercept",
                    "CglibAopProxy.java", 713),
            frame("com.example.shop.OrderController", "post", "OrderController.java", 21),
            frame("com.example.shop.Main", "main", "Main.java", 9),
        };
        assertThat(CreationSite.chainOf(stack)).isEqualTo("com.example.shop.Db.open(Db.java:12) <- OrderService.place("
                + "OrderService.java:30) <- OrderController.post(OrderController.java:21) <- Main.main(Main.java:9)");
    }

    /**
     * What a chain costs, worked out once per connection when a report first needs it: against a
     * capture of the same stack. Printed for docs/LEAKS.md; asserted only to be well under the capture.
     */
    @Test
    void workingOutAChainCostsLessThanCapturingTheStack() throws Exception {
        StackTraceElement[] stack = atDepth(60, () -> new Throwable().getStackTrace());
        List<Long> capture = new ArrayList<>();
        List<Long> chain = new ArrayList<>();
        int sink = 0;
        for (int i = 0; i < 4_000; i++) {
            long a = System.nanoTime();
            sink += atDepth(60, () -> new Throwable().getStackTrace()).length;
            long b = System.nanoTime();
            sink += CreationSite.chainOf(stack).length();
            long c = System.nanoTime();
            if (i >= 2_000) {
                capture.add(b - a);
                chain.add(c - b);
            }
        }
        Collections.sort(capture);
        Collections.sort(chain);
        long captureMedian = capture.get(capture.size() / 2);
        long chainMedian = chain.get(chain.size() / 2);
        System.out.printf(java.util.Locale.ROOT, "[creation site] stack of %d frames: capture median %.1f us,"
                + " chain median %.1f us (%d)%n", stack.length, captureMedian / 1000.0, chainMedian / 1000.0, sink % 10);
        assertThat(chainMedian).isLessThan(captureMedian);
    }

    private static <T> T atDepth(int depth, Callable<T> task) throws Exception {
        return depth == 0 ? task.call() : atDepth(depth - 1, task);
    }

    private static StackTraceElement frame(String type, String method, String file, int line) {
        int slash = type.indexOf('/');
        return new StackTraceElement(slash < 0 ? type : type.substring(slash + 1), method, file, line);
    }

    private static String recurse(int n) {
        return n == 0 ? open() : recurse(n - 1);
    }

    private static String ping(int n) {
        return n == 0 ? open() : pong(n - 1);
    }

    private static String pong(int n) {
        return ping(n);
    }

    private static String leakOne() {
        return open();
    }

    private static String leakTwo() {
        return open();
    }

    private static String open() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }
}
