package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weave cache gives back exactly what the weaving decided, and nothing where it cannot be sure:
 * another class file, another agent build, a supertype's jar that changed, a damaged file.
 */
class WeaveCacheTest {

    private static final long BUILD = 42;
    private static final String STATEMENT = "com/mysql/cj/jdbc/StatementImpl";
    private static final String NOT_JDBC = "com/mysql/cj/jdbc/exceptions/SQLError";

    @TempDir
    Path dir;

    @Test
    void aSecondStartGetsTheSameWovenBytesWithoutWeaving() throws Exception {
        File file = dir.resolve("app.weaves").toFile();
        ClassLoader app = ClassLoader.getSystemClassLoader();
        byte[] statement = classFile(STATEMENT);
        byte[] error = classFile(NOT_JDBC);

        WeaveCache first = new WeaveCache(file, BUILD);
        JdbcTransformer weaving = new JdbcTransformer(first);
        byte[] woven = weaving.transform(app, STATEMENT, null, null, statement);
        assertThat(woven).isNotNull();
        assertThat(weaving.transform(app, NOT_JDBC, null, null, error)).isNull();
        first.saveIfChanged();
        assertThat(file).exists();
        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("app.weaves");

        WeaveCache second = new WeaveCache(file, BUILD);
        WeaveCache.Entry kept = second.find(WeaveCache.key(STATEMENT, statement));
        assertThat(kept).isNotNull();
        assertThat(kept.woven).isEqualTo(woven);
        assertThat(kept.roles).isEqualTo(Hierarchy.STATEMENT);
        assertThat(kept.methods).contains("executeQuery", "execute");
        WeaveCache.Entry notJdbc = second.find(WeaveCache.key(NOT_JDBC, error));
        assertThat(notJdbc).as("a candidate left alone is kept too").isNotNull();
        assertThat(notJdbc.woven).isNull();
        assertThat(new JdbcTransformer(second).transform(app, STATEMENT, null, null, statement)).isEqualTo(woven);
    }

    @Test
    void anInterfaceServedFromTheFileStillGivesItsImplementationsTheirRoles() throws Exception {
        File file = dir.resolve("app.weaves").toFile();
        ClassLoader app = ClassLoader.getSystemClassLoader();
        String jdbcConnection = "com/mysql/cj/jdbc/JdbcConnection";
        byte[] iface = classFile(jdbcConnection);
        WeaveCache first = new WeaveCache(file, BUILD);
        assertThat(new JdbcTransformer(first).transform(app, jdbcConnection, null, null, iface)).isNull();
        first.saveIfChanged();

        WeaveCache second = new WeaveCache(file, BUILD);
        JdbcTransformer next = new JdbcTransformer(second);
        assertThat(second.find(WeaveCache.key(jdbcConnection, iface))).isNotNull();
        assertThat(next.transform(app, jdbcConnection, null, null, iface)).isNull();
        // ConnectionImpl is not in the file: its roles come from JdbcConnection's, which the hit must leave unsaid
        String impl = "com/mysql/cj/jdbc/ConnectionImpl";
        byte[] wovenWithout = new JdbcTransformer(null).transform(app, impl, null, null, classFile(impl));
        assertThat(wovenWithout).isNotNull();
        assertThat(next.transform(app, impl, null, null, classFile(impl))).as("woven as without the file").isEqualTo(wovenWithout);
    }

    @Test
    void anotherClassFileOfTheSameNameIsNotServed() throws Exception {
        File file = dir.resolve("app.weaves").toFile();
        byte[] statement = classFile(STATEMENT);
        WeaveCache cache = new WeaveCache(file, BUILD);
        cache.record(WeaveCache.key(STATEMENT, statement), Hierarchy.STATEMENT, new byte[] {1, 2, 3}, Collections.singletonList("execute"));
        cache.saveIfChanged();

        byte[] changed = statement.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(new WeaveCache(file, BUILD).find(WeaveCache.key(STATEMENT, changed))).isNull();
        assertThat(new WeaveCache(file, BUILD).find(WeaveCache.key(STATEMENT, statement))).isNotNull();
    }

    @Test
    void anotherBuildOfTheAgentSetsTheFileAside() throws Exception {
        File file = saved(dir.resolve("app.weaves").toFile(), null);
        assertThat(new WeaveCache(file, BUILD + 1).find(statementKey())).isNull();
        assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNotNull();
    }

    @Test
    void anotherProgramsClassPathSetsTheFileAside() throws Exception {
        File file = saved(dir.resolve("app.weaves").toFile(), null);
        String classPath = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", classPath + File.pathSeparator + "other-program.jar");
            assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNull();
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNotNull();
    }

    @Test
    void aSupertypesJarThatChangedSetsTheFileAside() throws Exception {
        File supertypes = dir.resolve("lib.jar").toFile();
        Files.write(supertypes.toPath(), new byte[] {1, 2, 3});
        File file = saved(dir.resolve("app.weaves").toFile(), new URL("jar:" + supertypes.toURI() + "!/a/Base.class"));
        assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNotNull();

        assertThat(supertypes.setLastModified(supertypes.lastModified() - 10_000)).isTrue();
        WeaveCache stale = new WeaveCache(file, BUILD);
        assertThat(stale.find(statementKey())).isNull();
        stale.saveIfChanged();
        assertThat(new WeaveCache(file, BUILD).find(statementKey()))
                .as("written again without the old entries").isNull();
    }

    @Test
    void aClassFileFromWhereNoChangeCanBeSeenIsNotSaved() throws Exception {
        File file = saved(dir.resolve("app.weaves").toFile(), new URL("http://example.invalid/a/Base.class"));
        assertThat(file).doesNotExist();
    }

    @Test
    void aDamagedFileIsSetAsideAndWrittenAgain() throws Exception {
        File file = saved(dir.resolve("app.weaves").toFile(), null);
        byte[] whole = Files.readAllBytes(file.toPath());
        for (int cut : new int[] {0, 5, whole.length / 2, whole.length - 1}) {
            Files.write(file.toPath(), Arrays.copyOf(whole, cut));
            assertThat(new WeaveCache(file, BUILD).find(statementKey())).as("cut at " + cut).isNull();
        }
        Files.write(file.toPath(), "not a weave cache at all".getBytes("UTF-8"));
        WeaveCache damaged = new WeaveCache(file, BUILD);
        assertThat(damaged.find(statementKey())).isNull();
        damaged.record(statementKey(), Hierarchy.STATEMENT, null, Collections.emptyList());
        damaged.saveIfChanged();
        assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNotNull();
    }

    @Test
    void aCountLargerThanTheFileIsNotBelieved() throws Exception {
        File file = saved(dir.resolve("app.weaves").toFile(), null);
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
            raf.seek(2 + "jdbc-guard weave cache 1".length() + 8); // after the magic and the build
            raf.readUTF(); // the JVM's version
            raf.skipBytes(raf.readInt()); // the class path; next: the count of sources
            raf.writeInt(Integer.MAX_VALUE);
        }
        assertThat(new WeaveCache(file, BUILD).find(statementKey())).isNull();
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesTheProgramAlone() throws Exception {
        File file = dir.resolve("missing-folder").resolve("app.weaves").toFile();
        WeaveCache cache = new WeaveCache(file, BUILD);
        cache.record(statementKey(), Hierarchy.STATEMENT, null, Collections.emptyList());
        cache.saveIfChanged(); // a WARN line, no exception
        assertThat(file).doesNotExist();
    }

    @Test
    void onlyTheApplicationClassLoaderIsServed() {
        assertThat(WeaveCache.serves(ClassLoader.getSystemClassLoader())).isTrue();
        assertThat(WeaveCache.serves(null)).isFalse();
        assertThat(WeaveCache.serves(new ClassLoader(ClassLoader.getSystemClassLoader()) { })).isFalse();
    }

    @Test
    void sourcesAreTheJarOrTheFile() throws Exception {
        assertThat(WeaveCache.localPath(new URL("jar:file:/opt/app/lib/a%20b.jar!/x/Y.class"))).isEqualTo("/opt/app/lib/a b.jar");
        assertThat(WeaveCache.localPath(new URL("file:/opt/app/classes/x/Y.class"))).isEqualTo("/opt/app/classes/x/Y.class");
        assertThat(WeaveCache.localPath(new URL("jar:http://example.invalid/a.jar!/x/Y.class"))).isNull();
    }

    /** A file with one entry, which also names {@code source} when given. */
    private static File saved(File file, URL source) throws IOException {
        WeaveCache cache = new WeaveCache(file, BUILD);
        byte[] statement = classFile(STATEMENT);
        cache.record(WeaveCache.key(STATEMENT, statement), Hierarchy.STATEMENT, null, Collections.emptyList());
        if (source != null) {
            cache.read(source);
        }
        cache.saveIfChanged();
        return file;
    }

    private static String statementKey() throws IOException {
        return WeaveCache.key(STATEMENT, classFile(STATEMENT));
    }

    private static byte[] classFile(String type) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(type + ".class")) {
            return in.readAllBytes();
        }
    }
}
