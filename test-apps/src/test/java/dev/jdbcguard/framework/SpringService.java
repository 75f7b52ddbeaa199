package dev.jdbcguard.framework;

import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Spring Boot service of test-apps/spring-service, run as its users run it: {@code java -jar
 * spring-service.jar} (Boot's JarLauncher), with the database on the command line. Every line it
 * prints is kept with the moment it arrived, so a test can tell which phase of a scenario caused it.
 */
final class SpringService implements AutoCloseable {

    /** One line of the service's output (standard output and error, in the order written). */
    static final class Line {
        final long arrivedNanos;
        final String text;

        Line(long arrivedNanos, String text) {
            this.arrivedNanos = arrivedNanos;
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final List<Line> lines = new ArrayList<>();
    private final Thread pump;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SpringService(Process process, int port) {
        this.process = process;
        this.port = port;
        this.pump = new Thread(this::pump, "spring-service-output");
        pump.setDaemon(true);
        pump.start();
    }

    static Path jar() {
        String jar = System.getProperty("jdbcguard.springServiceJar");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("the Spring Boot service jar is missing (" + jar + "): build it with"
                    + " mvn -pl test-apps/spring-service install, or mvn verify from the root");
        }
        return Paths.get(jar);
    }

    /** Starts the service against {@code server}, waits until it takes requests. */
    static SpringService start(TestServer server, boolean withAgent, List<String> jvmOptions) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (withAgent) {
            command.add("-javaagent:" + Apps.agentJar());
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + server.mysqlUrl());
        command.add("--spring.datasource.username=" + TestServer.USER);
        command.add("--spring.datasource.password=" + TestServer.PASSWORD);
        if (server.description().startsWith("MariaDB")) {
            // Hibernate 7 reads the dialect from DatabaseMetaData.getSQLKeywords(), which Connector/J
            // answers from INFORMATION_SCHEMA.KEYWORDS.RESERVED, a MySQL 8 column MariaDB lacks
            // ("Unknown column 'RESERVED'"): without the dialect named the service does not start.
            command.add("--spring.jpa.properties.hibernate.dialect=org.hibernate.dialect.MariaDBDialect");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        SpringService service = new SpringService(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!service.has(line -> line.contains("Started ServiceApplication in"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                service.close();
                throw new IllegalStateException("the service did not start:\n" + service.output());
            }
            Thread.sleep(100);
        }
        return service;
    }

    long pid() {
        return process.pid();
    }

    /** The HTTP status (-1 when no answer came) and the body or the client's exception. */
    static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /** POSTs or GETs {@code path}. */
    Answer call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(new Line(System.nanoTime(), line));
                }
            }
        } catch (IOException e) {
            // the service ended
        }
    }

    boolean has(Predicate<String> test) {
        synchronized (lines) {
            return lines.stream().anyMatch(line -> test.test(line.text));
        }
    }

    List<Line> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    String output() {
        StringBuilder all = new StringBuilder();
        for (Line line : lines()) {
            all.append(line.text).append('\n');
        }
        return all.toString();
    }

    /** Stops it as a service manager would (SIGTERM: Boot closes the pool), and keeps its output. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(5_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
