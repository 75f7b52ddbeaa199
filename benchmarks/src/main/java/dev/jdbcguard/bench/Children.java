package dev.jdbcguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The child JVMs the sections start, the files they need, and the suite's progress lines. */
final class Children {

    static final String JAVA_BIN = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private Children() {
    }

    static List<String> javaCommand(List<String> jvmArgs, String classPath, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA_BIN);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        command.addAll(Arrays.asList(args));
        return command;
    }

    static void runChild(List<String> command, Path outFile, Path errFile, int timeoutSeconds)
            throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command)
                    + "\nstderr: " + tail(errFile) + "\nstdout: " + tail(outFile));
        }
    }

    static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    static String classPathEntry(String contains) {
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (Paths.get(entry).getFileName().toString().contains(contains)) {
                return entry;
            }
        }
        throw new IllegalStateException(contains + " is not on the class path");
    }

    static InputStream resource(String name) throws IOException {
        InputStream in = Children.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found");
        }
        return in;
    }

    static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = resource(name); OutputStream o = Files.newOutputStream(target)) {
            in.transferTo(o);
        }
    }

    /** A jar whose premain does nothing ({@link NullAgent}): what any -javaagent costs. */
    static Path nullAgentJar(Path dir) throws IOException {
        return agentJar(dir.resolve("null-agent.jar"), NullAgent.class);
    }

    /** A jar of {@link CopyingAgent}: what any agent that changes classes costs. */
    static Path copyingAgentJar(Path dir) throws IOException {
        return agentJar(dir.resolve("copying-agent.jar"), CopyingAgent.class);
    }

    /** A jar with {@code premainClass} and its nested classes, named as its Premain-Class. */
    private static Path agentJar(Path target, Class<?> premainClass) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(new Attributes.Name("Premain-Class"), premainClass.getName());
        mf.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
        List<Class<?>> classes = new ArrayList<>(List.of(premainClass));
        classes.addAll(List.of(premainClass.getDeclaredClasses()));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), mf)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = resource(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return target;
    }

    static void progress(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
