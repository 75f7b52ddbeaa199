package dev.jdbcguard.apps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a reproducer in its own JVM, with or without the agent, and keeps what it printed. */
public final class ChildJvm {

    private final String classpath;
    private String javaHome = System.getProperty("java.home");
    private String agentJar;
    private String agentArgs;
    private final List<String> jvmOptions = new ArrayList<>();
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private boolean echo;
    private long timeoutSeconds = 120;
    private java.util.function.Consumer<String> lineListener = line -> { };

    private ChildJvm(String classpath) {
        this.classpath = classpath;
    }

    public static ChildJvm withClasspath(String classpath) {
        return new ChildJvm(classpath);
    }

    /** The class path the build wrote for the test apps (see test-apps/pom.xml). */
    public static ChildJvm forTestApps() throws IOException {
        String deps = new String(Files.readAllBytes(Paths.get(System.getProperty("jdbcguard.appClasspath"))),
                StandardCharsets.UTF_8).trim();
        return new ChildJvm(System.getProperty("jdbcguard.appClasses") + java.io.File.pathSeparator + deps);
    }

    public ChildJvm agent(String jar, String args) {
        this.agentJar = jar;
        this.agentArgs = args;
        return this;
    }

    public ChildJvm javaHome(String home) {
        this.javaHome = home;
        return this;
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** An environment variable for the child, beside the ones it inherits. */
    public ChildJvm environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** How long the child may run before it is killed (exit code -1); 120 s unless set. */
    public ChildJvm timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Also copy the child's output to this process's standard output as it comes. */
    public ChildJvm echo() {
        this.echo = true;
        return this;
    }

    /** Called with each line the child prints, as it prints it (e.g. to act while it idles). */
    public ChildJvm onLine(java.util.function.Consumer<String> listener) {
        this.lineListener = listener;
        return this;
    }

    public Result run(Class<?> main, String... args) throws IOException, InterruptedException {
        return run(main.getName(), args);
    }

    public Result run(String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(javaHome, "bin", "java").toString());
        if (agentJar != null) {
            command.add("-javaagent:" + agentJar + (agentArgs == null ? "" : "=" + agentArgs));
        }
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> copy(process.getInputStream(), output), "child-output");
        pump.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        pump.join(5_000);
        return new Result(process.isAlive() ? -1 : process.exitValue(),
                new String(output.toByteArray(), StandardCharsets.UTF_8));
    }

    private void copy(InputStream in, ByteArrayOutputStream out) {
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    out.write(bytes, 0, bytes.length);
                }
                if (echo) {
                    System.out.println(line);
                }
                try {
                    lineListener.accept(line);
                } catch (RuntimeException e) {
                    System.err.println("line listener failed: " + e);
                }
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    /** Exit code (-1 when it had to be killed) and everything it printed. */
    public static final class Result {
        public final int exitCode;
        public final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output;
        }
    }
}
