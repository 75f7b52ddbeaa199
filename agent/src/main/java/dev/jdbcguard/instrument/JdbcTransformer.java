package dev.jdbcguard.instrument;

import dev.jdbcguard.core.Log;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Arrays;
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

    private final Hierarchy hierarchy = new Hierarchy();

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (name == null || bytes == null || skipped(name) || TrialDefinition.isTrial(loader)
                || !mentionsJavaSql(bytes) && !(mentions(bytes, EXECUTE) && hierarchy.sawJdbc(loader))) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_SYNTHETIC)) != 0) {
                return null;
            }
            int roles = hierarchy.roles(reader, loader);
            ConnectionField field = (roles & Hierarchy.STATEMENT) != 0 ? hierarchy.connectionField(reader, loader) : null;
            Plans plans = new Plans(name, roles, field);
            byte[] woven = plans.anything() && BridgeVisibility.from(loader, name)
                    ? ClassWeaver.weave(bytes, reader, plans, TrackedSlot.applies(name, redefined)) : null;
            if (woven == null) {
                return null;
            }
            Throwable refusal = redefined == null && TrialDefinition.needed(name)
                    ? TrialDefinition.refusal(name, woven, loader, domain) : null;
            if (refusal != null) {
                leftUnwoven(name, refusal);
                return null;
            }
            if (Log.debugEnabled()) {
                Log.debug("woven " + name.replace('/', '.'));
            }
            return woven;
        } catch (Throwable e) {
            // The class keeps working uninstrumented.
            Log.debug("could not instrument " + name + ": " + e);
            return null;
        }
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
