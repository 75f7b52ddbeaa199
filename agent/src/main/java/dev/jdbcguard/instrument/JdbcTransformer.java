package dev.jdbcguard.instrument;

import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.WovenMethods;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Every class the JVM loads passes here, so the common answer ("not JDBC") must be cheap: a byte
 * scan for {@code java/sql/} comes first. A subclass of a driver class that never names a
 * java.sql type itself is skipped unless it may override an {@code execute*}: the methods it
 * inherits are woven in the superclass.
 */
final class JdbcTransformer implements ClassFileTransformer {

    private static final Needle JAVA_SQL = new Needle("java/sql/");
    /**
     * A statement subclass may override {@code execute*} with no java.sql type in its class file
     * (no {@code throws SQLException}, calling a helper of its superclass): where the loader has
     * JDBC classes, a class that names {@code execute} has its supertypes looked at too.
     */
    private static final Needle EXECUTE = new Needle("execute");
    private static final String[] SKIPPED = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/jdbcguard/"};

    private final Hierarchy hierarchy;
    /** Null when the {@code weaveCache} option is off. */
    private final WeaveCache cache;

    JdbcTransformer(WeaveCache cache) {
        this.cache = cache;
        this.hierarchy = new Hierarchy(cache);
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (name == null || bytes == null || skipped(name) || TrialDefinition.isTrial(loader)
                || !mentionsJavaSql(bytes) && !(mentions(bytes, EXECUTE) && hierarchy.sawJdbc(loader))) {
            return null;
        }
        try {
            WeaveCache kept = cache != null && redefined == null && WeaveCache.serves(loader) ? cache : null;
            String key = kept == null ? null : WeaveCache.key(name, bytes);
            WeaveCache.Entry earlier = kept == null ? null : kept.find(key);
            return earlier != null ? replay(name, earlier, loader) : weave(loader, name, redefined, domain, bytes, kept, key);
        } catch (Throwable e) {
            // The class keeps working uninstrumented.
            Log.debug("could not instrument " + name + ": " + e);
            return null;
        }
    }

    /** {@code kept}: the weave cache that learns the outcome under {@code key}, or null. */
    private byte[] weave(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes,
                         WeaveCache kept, String key) {
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_SYNTHETIC)) != 0) {
            keep(kept, key, WeaveCache.NO_ROLES, null, Collections.emptyList());
            return null;
        }
        int roles = hierarchy.roles(reader, loader);
        ConnectionField field = (roles & Hierarchy.STATEMENT) != 0 ? hierarchy.connectionField(reader, loader) : null;
        Plans plans = new Plans(name, roles, field);
        if (plans.anything() && !BridgeVisibility.from(loader, name)) {
            return null; // said once per loader; the next run says it again
        }
        List<String> methods = new ArrayList<>();
        byte[] woven = plans.anything()
                ? ClassWeaver.weave(bytes, reader, plans, TrackedSlot.applies(name, redefined), methods) : null;
        if (woven == null) {
            keep(kept, key, roles, null, methods);
            return null;
        }
        Throwable refusal = redefined == null && TrialDefinition.needed(name)
                ? TrialDefinition.refusal(name, woven, loader, domain, hierarchy) : null;
        if (refusal != null) {
            leftUnwoven(name, refusal);
            return null;
        }
        keep(kept, key, roles, woven, methods);
        return announce(name, woven, methods);
    }

    private static void keep(WeaveCache kept, String key, int roles, byte[] woven, List<String> methods) {
        if (kept != null) {
            kept.record(key, roles, woven, methods);
        }
    }

    /** What the weave cache kept from an earlier run, with the weaving's side effects. */
    private byte[] replay(String name, WeaveCache.Entry earlier, ClassLoader loader) {
        if (earlier.roles != WeaveCache.NO_ROLES) {
            hierarchy.remember(name, earlier.roles, loader);
        }
        return earlier.woven == null ? null : announce(name, earlier.woven, earlier.methods);
    }

    private static byte[] announce(String name, byte[] woven, List<String> methods) {
        String className = name.replace('/', '.');
        for (String method : methods) {
            WovenMethods.add(className, method);
        }
        if (Log.debugEnabled()) {
            Log.debug("woven " + className);
        }
        return woven;
    }

    /** Said once per class: its connections or statements work as before, unguarded. */
    static void leftUnwoven(String name, Throwable why) {
        Log.warn("left " + name.replace('/', '.') + " unwoven: the JVM would not verify it woven (" + why
                + "); its calls run as without the agent. Please report this with the library's name and version.");
    }

    static boolean skipped(String name) {
        for (String prefix : SKIPPED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean mentionsJavaSql(byte[] bytes) {
        return mentions(bytes, JAVA_SQL);
    }

    /**
     * Whether {@code needle} occurs in {@code bytes}. Every class the JVM loads is scanned, most of
     * them while the scan still runs in the interpreter: Horspool's search looks at a fraction of
     * a class file's bytes instead of every one (the last byte of each window decides how far to
     * move on).
     */
    static boolean mentions(byte[] bytes, Needle needle) {
        byte[] text = needle.text;
        int last = text.length - 1;
        for (int at = last; at < bytes.length; at += needle.shift[bytes[at] & 0xFF]) {
            int k = last;
            int i = at;
            while (bytes[i] == text[k]) {
                if (k == 0) {
                    return true;
                }
                k--;
                i--;
            }
        }
        return false;
    }

    /** An ASCII text to find, with Horspool's table: how far a window may move when its last byte is b. */
    static final class Needle {
        final byte[] text;
        final int[] shift = new int[256];

        Needle(String ascii) {
            text = ascii.getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(shift, text.length);
            for (int k = 0; k < text.length - 1; k++) {
                shift[text[k] & 0xFF] = text.length - 1 - k;
            }
        }
    }
}
