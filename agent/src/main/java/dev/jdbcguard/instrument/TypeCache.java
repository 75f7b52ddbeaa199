package dev.jdbcguard.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type cache per class loader, held weakly (an undeployed webapp's loader can go) and with
 * soft values (memory pressure can take them): matching "implements java.sql.Connection" must not
 * parse the same superclasses again for every class a program loads.
 */
final class TypeCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private final Map<ClassLoader, TypePool.CacheProvider> caches = new WeakHashMap<>();

    TypeCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected synchronized TypePool.CacheProvider locate(ClassLoader loader) {
        TypePool.CacheProvider cache = caches.get(loader);
        if (cache == null) {
            cache = new TypePool.CacheProvider.Simple.UsingSoftReference();
            caches.put(loader, cache);
        }
        return cache;
    }
}
