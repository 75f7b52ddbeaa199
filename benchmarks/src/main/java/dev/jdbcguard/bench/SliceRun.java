package dev.jdbcguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SliceLoop} JVM per variant, all alive at once, taking turns: each call runs one
 * slice in one of them while the others wait. Suite interleaves the variants slice by slice and
 * rotates their order each round, so each ratio compares two slices a second or two apart.
 */
final class SliceRun implements AutoCloseable {

    /** What one slice did: operations, and CPU time and bytes allocated by the loop's threads. */
    record Slice(long ops, long cpuNanos, long allocatedBytes, long millis) {
        double opsPerSecond() {
            return ops * 1000.0 / millis;
        }

        double cpuMicrosPerOp() {
            return cpuNanos / 1000.0 / ops;
        }

        double bytesPerOp() {
            return (double) allocatedBytes / ops;
        }

        /** Two slices of one variant taken as one. */
        Slice plus(Slice other) {
            return new Slice(ops + other.ops, cpuNanos + other.cpuNanos, allocatedBytes + other.allocatedBytes,
                    millis + other.millis);
        }
    }

    private static final class Child {
        final Process process;
        final Writer commands;
        final BufferedReader answers;

        Child(Process process) {
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Child> children = new LinkedHashMap<>();

    /** Starts one child per variant ({@code commands}: variant name to its java command line) and waits until each is ready. */
    SliceRun(Map<String, List<String>> commands, Path logDir) throws IOException {
        try {
            for (Map.Entry<String, List<String>> e : commands.entrySet()) {
                Process p = new ProcessBuilder(e.getValue())
                        .redirectError(logDir.resolve("slice-" + e.getKey() + ".err").toFile()).start();
                Child child = new Child(p);
                children.put(e.getKey(), child);
                awaitReady(e.getKey(), child);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void awaitReady(String variant, Child child) throws IOException {
        for (String line; (line = child.answers.readLine()) != null; ) {
            if (line.equals("ready")) {
                return;
            }
        }
        throw new IOException("the slice loop of variant " + variant + " ended before it was ready; see slice-"
                + variant + ".err");
    }

    List<String> variants() {
        return new ArrayList<>(children.keySet());
    }

    Slice run(String variant, String loop, int threads, long millis) throws IOException {
        Child child = children.get(variant);
        child.commands.write("run " + loop + " " + threads + " " + millis + "\n");
        child.commands.flush();
        String answer = child.answers.readLine();
        if (answer == null || !answer.startsWith("done ")) {
            throw new IOException("the slice loop of variant " + variant + " answered " + answer + "; see slice-"
                    + variant + ".err");
        }
        String[] words = answer.split(" ");
        return new Slice(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]), millis);
    }

    @Override
    public void close() {
        for (Child child : children.values()) {
            try {
                child.commands.write("quit\n");
                child.commands.flush();
            } catch (IOException e) {
                // already gone
            }
        }
        for (Child child : children.values()) {
            try {
                if (!child.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
