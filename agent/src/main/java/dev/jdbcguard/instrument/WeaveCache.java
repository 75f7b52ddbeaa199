package dev.jdbcguard.instrument;

import dev.jdbcguard.core.AgentJar;
import dev.jdbcguard.core.Log;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * What the weaving decided for each class of earlier runs, kept in the file the {@code weaveCache}
 * option names. A program that starts from a class-data cache (AppCDS, the AOT cache) gets most of
 * its classes ready-made; the agent's weaving would still run ASM, in the interpreter, over every
 * driver class that names {@code java/sql/}. From this file a start weaves nothing: the woven
 * bytes are handed back as they were, and neither ASM nor the weaving's own classes load.
 *
 * <p>A decision is reused only where the same class file would be woven the same way:
 * <ul>
 * <li>it is found by the class's name and its original bytes (length, CRC-32 and Adler-32);</li>
 * <li>the file also holds the agent's build, the JVM's version (a trial definition's verdict rests
 * on the JDK's classes too), the class path, and every jar or file the weaving read besides the class itself (its
 * supertypes' class files, those a trial definition read), each with its size and modification
 * time; when any of them differs the whole file is set aside, and written anew at exit;</li>
 * <li>only classes of the application class loader are served from it, the JVM's own caches'
 * scope: there one class path answers every supertype lookup, and the file notices its change.</li>
 * </ul>
 * The file holds class files that the program will run, as the JVM's own cache does: it belongs
 * where only the program's owner can write.
 */
final class WeaveCache {

    private static final String MAGIC = "jdbc-guard weave cache 1";
    /**
     * The roles of an interface (or a synthetic class) are not worked out when it is defined: a
     * class that implements it asks later, from its class file. Its entry must not say 0.
     */
    static final int NO_ROLES = -1;

    /** One class's outcome: {@code woven} null means it is left as it was. */
    static final class Entry {
        final int roles;
        final byte[] woven;
        final List<String> methods;

        Entry(int roles, byte[] woven, List<String> methods) {
            this.roles = roles;
            this.woven = woven;
            this.methods = methods;
        }
    }

    private final File file;
    /** The agent's build ({@link AgentJar#build}), found when the file is first read; 0: unknown. */
    private long build;
    private final boolean buildGiven;
    /** Null until the first class is looked up. */
    private Map<String, Entry> entries;
    /** Every jar or file the weaving read: its path, then {size, modified}. */
    private final Map<String, long[]> sources = new LinkedHashMap<>();
    private boolean dirty;
    /** A supertype came from a place whose change nothing here could see: nothing is saved. */
    private String unseen;

    WeaveCache(File file) {
        this.file = file.getAbsoluteFile();
        this.buildGiven = false;
    }

    /** For tests, whose agent runs from class folders: {@code build} stands for the agent's. */
    WeaveCache(File file, long build) {
        this.file = file.getAbsoluteFile();
        this.build = build;
        this.buildGiven = true;
    }

    /** The cache the option names, saved when the JVM exits; null when the option is off. */
    static WeaveCache open(String option) {
        if (option == null || option.equalsIgnoreCase("off")) {
            return null;
        }
        WeaveCache cache = new WeaveCache(new File(option));
        try {
            Runtime.getRuntime().addShutdownHook(new SaveAtExit(cache));
        } catch (SecurityException | IllegalStateException e) {
            // a security manager that forbids shutdown hooks, or a JVM already exiting (a late attach)
            Log.warn("the weave cache " + cache.file + " is not used: it is written at exit, and " + e);
            return null;
        }
        return cache;
    }

    /** A class, not a lambda: the first lambda of the agent's would cost its start-up a generated class. */
    private static final class SaveAtExit extends Thread {
        private final WeaveCache cache;

        SaveAtExit(WeaveCache cache) {
            super("jdbc-guard-weave-cache");
            this.cache = cache;
        }

        @Override
        public void run() {
            cache.saveIfChanged();
        }
    }

    /** Where this class loader's classes may be served from the file. */
    static boolean serves(ClassLoader loader) {
        return loader != null && loader == ClassLoader.getSystemClassLoader();
    }

    /** The earlier decision for the class file of {@code key} ({@link #key}), or null. */
    synchronized Entry find(String key) {
        if (entries == null) {
            load();
        }
        return entries.get(key);
    }

    synchronized void record(String key, int roles, byte[] woven, List<String> methods) {
        if (entries == null) {
            load();
        }
        entries.put(key, new Entry(roles, woven, methods));
        dirty = true;
    }

    /** A class file the weaving read for another class (a supertype's), from {@code source}. */
    synchronized void read(URL source) {
        String path = localPath(source);
        if (path == null) {
            if (!source.getProtocol().equals("jrt")) { // the JDK's own: its java/sql types never change roles
                unseen = source.toString();
            }
            return;
        }
        if (!sources.containsKey(path)) {
            File f = new File(path);
            sources.put(path, new long[] {f.length(), f.lastModified()});
            dirty = true;
        }
    }

    /** A class file's key: its name, and its length and checksums (computed once per class: they read it all). */
    static String key(String name, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        Adler32 adler = new Adler32();
        adler.update(bytes, 0, bytes.length);
        return name + '/' + bytes.length + '/' + Long.toHexString(crc.getValue()) + Long.toHexString(adler.getValue());
    }

    /** The file a class file came from: the jar of a {@code jar:file:} URL, the file of a {@code file:} one. */
    static String localPath(URL source) {
        String url = source.toString();
        if (url.startsWith("jar:file:")) {
            int end = url.indexOf("!/");
            return end < 0 ? null : decode(url.substring("jar:file:".length(), end));
        }
        return url.startsWith("file:") ? decode(url.substring("file:".length())) : null;
    }

    private static String decode(String path) {
        try {
            return new File(URLDecoder.decode(path.replace("+", "%2B"), "UTF-8")).getAbsolutePath();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void load() {
        long start = System.nanoTime();
        entries = new HashMap<>();
        if (!buildGiven) {
            try {
                build = AgentJar.build();
            } catch (IOException | RuntimeException e) {
                build = 0;
            }
        }
        if (!file.isFile()) {
            dirty = true;
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
            String outOfDate = readInto(in, file.length());
            if (outOfDate != null) {
                setAside(null);
                Log.info("the weave cache " + file + " is out of date (" + outOfDate
                        + "): classes are woven anew, and it is written again at exit");
            } else if (Log.debugEnabled()) {
                Log.debug("the weave cache " + file + " holds " + entries.size() + " classes (read in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
            }
        } catch (IOException | RuntimeException e) {
            setAside(e);
        }
    }

    private void setAside(Exception unreadable) {
        entries.clear();
        sources.clear();
        dirty = true;
        if (unreadable != null) {
            Log.warn("the weave cache " + file + " could not be read (" + unreadable
                    + "): classes are woven anew, and it is written again at exit");
        }
    }

    /** Fills the entries from the file; returns why it is out of date, or null. */
    private String readInto(DataInputStream in, long size) throws IOException {
        if (!in.readUTF().equals(MAGIC)) {
            throw new IOException("not a jdbc-guard weave cache");
        }
        if (in.readLong() != build || build == 0) {
            return "it was written by another build of the agent";
        }
        String jvm = in.readUTF();
        if (!jvm.equals(jvmVersion())) {
            return "it was written on the JVM " + jvm + ", this is " + jvmVersion();
        }
        if (!readText(in).equals(classPath())) {
            return "it was written for another class path";
        }
        for (int n = count(in, size); n > 0; n--) {
            String path = in.readUTF();
            long length = in.readLong();
            long modified = in.readLong();
            File f = new File(path);
            if (f.length() != length || f.lastModified() != modified) {
                return path + " changed";
            }
            sources.put(path, new long[] {length, modified});
        }
        for (int n = count(in, size); n > 0; n--) {
            String key = in.readUTF();
            int roles = in.readInt();
            int length = in.readInt();
            byte[] woven = null;
            if (length >= 0) {
                woven = new byte[bounded(length, size)];
                in.readFully(woven);
            }
            List<String> methods = new ArrayList<>();
            for (int m = count(in, size); m > 0; m--) {
                methods.add(in.readUTF());
            }
            entries.put(key, new Entry(roles, woven, Collections.unmodifiableList(methods)));
        }
        return null;
    }

    private static int count(DataInputStream in, long size) throws IOException {
        return bounded(in.readInt(), size);
    }

    /** A damaged file must not make the agent allocate what it claims. */
    private static int bounded(int n, long size) throws IOException {
        if (n < 0 || n > size) {
            throw new IOException("damaged: a count of " + n + " in a file of " + size + " bytes");
        }
        return n;
    }

    void saveIfChanged() {
        try {
            save();
        } catch (Throwable e) {
            Log.warn("the weave cache " + file + " could not be written (" + e + ")");
        }
    }

    /** Written whole to a new file that then replaces the old one: a reader sees one or the other. */
    private synchronized void save() throws IOException {
        if (!dirty || entries == null) {
            return;
        }
        if (unseen != null) {
            Log.info("the weave cache " + file + " is not written: the weaving read " + unseen
                    + ", whose changes it could not notice");
            return;
        }
        if (build == 0) {
            return; // the agent runs from class folders (its own tests), not a jar
        }
        File next = new File(file.getPath() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(next)))) {
            write(out);
        } catch (IOException | RuntimeException e) {
            next.delete();
            throw e;
        }
        if (!next.renameTo(file)) {
            next.delete();
            throw new IOException("cannot replace " + file);
        }
        dirty = false;
        Log.info("the weave cache " + file + " was written: " + entries.size() + " classes, "
                + wovenCount() + " of them woven");
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeLong(build);
        out.writeUTF(jvmVersion());
        writeText(out, classPath());
        out.writeInt(sources.size());
        for (Map.Entry<String, long[]> s : sources.entrySet()) {
            out.writeUTF(s.getKey());
            out.writeLong(s.getValue()[0]);
            out.writeLong(s.getValue()[1]);
        }
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(entry.roles);
            out.writeInt(entry.woven == null ? -1 : entry.woven.length);
            if (entry.woven != null) {
                out.write(entry.woven);
            }
            out.writeInt(entry.methods.size());
            for (String method : entry.methods) {
                out.writeUTF(method);
            }
        }
    }

    /**
     * Another program with the same driver may resolve a class's supertypes from other jars than
     * the ones this file watches; the class path tells the programs apart, as it does for the
     * JVM's own caches.
     */
    private static String classPath() {
        return String.valueOf(System.getProperty("java.class.path"));
    }

    /** A string that may pass writeUTF's 65,535 bytes (a class path). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[bounded(in.readInt(), file.length())];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String jvmVersion() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version");
    }

    private int wovenCount() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.woven != null) {
                n++;
            }
        }
        return n;
    }
}
