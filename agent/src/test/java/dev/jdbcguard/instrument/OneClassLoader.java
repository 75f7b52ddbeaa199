package dev.jdbcguard.instrument;

/** Defines one rewritten class itself (so the verifier checks it); everything else comes from the test class path. */
final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    OneClassLoader(String name, byte[] bytes) {
        super(OneClassLoader.class.getClassLoader());
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (className.equals(name)) {
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
            }
        }
        return super.loadClass(className, resolve);
    }
}
