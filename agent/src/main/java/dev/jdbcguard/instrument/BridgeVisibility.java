package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.Log;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Woven code calls the bridge, and a woven connection class implements its {@code Tracked}: a
 * class loader that does not resolve them to the agent's own copies (an OSGi-style loader that
 * delegates only {@code java.*} to the boot loader; or a loader that defines classes of that name
 * itself, from an old agent jar on its path) would get a NoClassDefFoundError or a second bridge
 * that nobody installed. Its classes stay unwoven.
 */
final class BridgeVisibility {

    private static final Map<ClassLoader, Boolean> SEEN = new WeakHashMap<>();

    private BridgeVisibility() {
    }

    /** Whether classes of {@code loader} may be woven; says once per loader when not. */
    static boolean from(ClassLoader loader, String className) {
        if (loader == null) {
            return Bridge.class.getClassLoader() == null;
        }
        synchronized (SEEN) {
            Boolean known = SEEN.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean sees;
        try {
            sees = Class.forName(Bridge.class.getName(), false, loader) == Bridge.class;
        } catch (ClassNotFoundException | LinkageError e) {
            sees = false;
        }
        synchronized (SEEN) {
            SEEN.put(loader, sees);
        }
        if (!sees) {
            Log.warn("left the JDBC classes of class loader " + loader.getClass().getName() + " unwoven (the first: "
                    + className.replace('/', '.') + "): that loader does not see jdbc-guard's bridge in the boot loader;"
                    + " their calls run as without the agent");
        }
        return sees;
    }
}
