package dev.jdbcguard.compat.corpus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The child JVM of the weaving corpus (WeavingCorpusTest): every subdirectory of the corpus
 * directory is one entry, its jars on one class loader of their own (so that two entries may hold
 * the same class names). Every class of an entry that implements Driver, Connection, Statement,
 * PreparedStatement or CallableStatement, abstract ones included, found from the class files, is
 * loaded without being initialised and then linked, which is when the JVM verifies it; for the
 * entry "generated" the woven methods are then called (see {@link GeneratedCalls}).
 *
 * <p>Everything goes to standard error, the stream the agent logs to, so that the agent's
 * {@code woven} lines stand between the {@code entry} line and the {@code class} line of the
 * class they belong to. One line per fact:
 * <pre>
 * entry &lt;entry&gt;
 * class &lt;entry&gt; &lt;jar&gt; &lt;binary name&gt; v&lt;major&gt; &lt;roles&gt; linked | load-failed &lt;throwable&gt; | link-failed &lt;throwable&gt;
 * canary &lt;entry&gt; &lt;binary name&gt; loaded=&lt;...&gt; linked=&lt;...&gt;
 * scanned &lt;n&gt; classes
 * </pre>
 * Arguments: the corpus directory, then {@code --canary entry:class} (a class that must fail
 * verification: proof that linking here verifies) and {@code --also entry:class,class} (classes
 * the agent weaves by name that implement none of the interfaces, such as a pool's).
 */
public final class CorpusScan {

    static final PrintStream OUT = System.err;
    private static final String[][] ROLES = {
        {"java/sql/Driver", "D"}, {"java/sql/Connection", "C"}, {"java/sql/Statement", "S"},
        {"java/sql/PreparedStatement", "P"}, {"java/sql/CallableStatement", "K"},
    };

    private final String entry;
    private final ClassLoader loader;
    /** Every class file of the entry: header and the jar it came from. */
    private final Map<String, ClassHeader> headers = new HashMap<>();
    private final Map<String, String> jarOf = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();

    private CorpusScan(String entry, ClassLoader loader) {
        this.entry = entry;
        this.loader = loader;
    }

    public static void main(String[] args) throws Exception {
        File corpus = new File(args[0]);
        Map<String, List<String>> also = new HashMap<>();
        Map<String, String> canaries = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            String[] entryAndNames = args[i + 1].split(":", 2);
            if (args[i].equals("--canary")) {
                canaries.put(entryAndNames[0], entryAndNames[1]);
            } else if (args[i].equals("--also")) {
                also.put(entryAndNames[0], Arrays.asList(entryAndNames[1].split(",")));
            } else {
                throw new IllegalArgumentException(args[i]);
            }
        }
        File[] dirs = corpus.listFiles(File::isDirectory);
        Arrays.sort(dirs);
        int scanned = 0;
        for (File dir : dirs) {
            OUT.println("entry " + dir.getName());
            CorpusScan scan = new CorpusScan(dir.getName(), loaderOf(dir));
            scan.index(dir);
            List<String> candidates = scan.candidates(also.getOrDefault(dir.getName(), List.of()));
            List<Class<?>> linked = new ArrayList<>();
            for (String name : candidates) {
                Class<?> type = scan.load(name);
                if (type != null) {
                    linked.add(type);
                }
            }
            scanned += candidates.size();
            String canary = canaries.get(dir.getName());
            if (canary != null) {
                scan.canary(canary);
            }
            if (dir.getName().equals("generated")) {
                GeneratedCalls.callAll(linked);
            }
        }
        OUT.println("scanned " + scanned + " classes");
    }

    private static ClassLoader loaderOf(File dir) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (File jar : jars(dir)) {
            urls.add(jar.toURI().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static File[] jars(File dir) {
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        Arrays.sort(jars);
        return jars;
    }

    /** Reads the header of every class file; for a multi-release jar, the base version. */
    private void index(File dir) throws IOException {
        for (File file : jars(dir)) {
            try (JarFile jar = new JarFile(file)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry je = e.nextElement();
                    String path = je.getName();
                    if (!path.endsWith(".class") || path.startsWith("META-INF/") || path.endsWith("module-info.class")
                            || path.endsWith("package-info.class")) {
                        continue;
                    }
                    ClassHeader header;
                    try (InputStream in = jar.getInputStream(je)) {
                        header = ClassHeader.read(in.readAllBytes());
                    }
                    if (!headers.containsKey(header.name)) { // the first jar wins, as on the loader
                        headers.put(header.name, header);
                        jarOf.put(header.name, file.getName());
                    }
                }
            }
        }
    }

    private List<String> candidates(List<String> also) {
        Map<String, Boolean> sorted = new TreeMap<>();
        for (ClassHeader header : headers.values()) {
            if (!header.isInterface() && !roles(header.name).isEmpty()) {
                sorted.put(header.name, true);
            }
        }
        for (String name : also) {
            sorted.put(name.replace('.', '/'), true);
        }
        return new ArrayList<>(sorted.keySet());
    }

    /** The letters of the JDBC interfaces {@code type} implements, from class files alone. */
    private String roles(String type) {
        String known = roles.get(type);
        if (known != null) {
            return known;
        }
        roles.put(type, ""); // a cycle (never in a valid class path) ends here
        String result = "";
        if (type.startsWith("java/") || type.startsWith("javax/")) {
            result = platformRoles(type);
        } else {
            ClassHeader header = headers.get(type);
            if (header != null) {
                StringBuilder letters = new StringBuilder(roles(header.superName == null ? "" : header.superName));
                for (String i : header.interfaces) {
                    letters.append(roles(i));
                }
                result = normalised(letters.toString());
            }
        }
        roles.put(type, result);
        return result;
    }

    private static String platformRoles(String type) {
        Class<?> platform;
        try {
            platform = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "";
        }
        StringBuilder letters = new StringBuilder();
        Class<?>[] interfaces = {Driver.class, Connection.class, Statement.class, PreparedStatement.class,
            CallableStatement.class};
        for (int i = 0; i < interfaces.length; i++) {
            if (interfaces[i].isAssignableFrom(platform)) {
                letters.append(ROLES[i][1]);
            }
        }
        return letters.toString();
    }

    private static String normalised(String letters) {
        StringBuilder out = new StringBuilder();
        for (String[] role : ROLES) {
            if (letters.contains(role[1])) {
                out.append(role[1]);
            }
        }
        return out.toString();
    }

    /** Loads {@code name} without initialising it, then links it; prints the outcome. */
    private Class<?> load(String name) {
        ClassHeader header = headers.get(name);
        String prefix = "class " + entry + " " + jarOf.getOrDefault(name, "?") + " " + name.replace('/', '.')
                + " v" + (header == null ? "?" : header.major) + " " + (roles(name).isEmpty() ? "-" : roles(name)) + " ";
        Class<?> type;
        try {
            type = Class.forName(name.replace('/', '.'), false, loader);
        } catch (Throwable e) {
            OUT.println(prefix + "load-failed " + describe(e));
            return null;
        }
        try {
            link(type);
        } catch (Throwable e) {
            OUT.println(prefix + "link-failed " + describe(e));
            return null;
        }
        OUT.println(prefix + "linked");
        return type;
    }

    /**
     * HotSpot links (and so verifies) a class before it lists its constructors, and resolves no
     * type but the constructors' parameters: a missing optional dependency in a method signature
     * does not hide the verification. The canary proves it on every run.
     */
    static void link(Class<?> type) {
        type.getDeclaredConstructors();
    }

    private void canary(String name) {
        String loaded;
        String linked;
        Class<?> type = null;
        try {
            type = Class.forName(name, false, loader);
            loaded = "ok";
        } catch (Throwable e) {
            loaded = describe(e);
        }
        try {
            if (type == null) {
                linked = "not-loaded";
            } else {
                link(type);
                linked = "ok";
            }
        } catch (Throwable e) {
            linked = describe(e);
        }
        OUT.println("canary " + entry + " " + name + " loaded=" + loaded + " linked=" + linked);
    }

    static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        int details = message.indexOf(" Current Frame:"); // a VerifyError's frame and bytecode dump
        if (details > 0) {
            message = message.substring(0, details);
        }
        return e.getClass().getName() + ": " + (message.length() > 400 ? message.substring(0, 400) + "..." : message);
    }
}
