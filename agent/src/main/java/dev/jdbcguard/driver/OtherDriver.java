package dev.jdbcguard.driver;

/** Any driver we have no internals for: tracked and checked, but a dead link is only reported. */
final class OtherDriver extends DriverSupport {

    @Override
    public String name() {
        return "other";
    }

    @Override
    public boolean owns(Class<?> connectionClass) {
        return true;
    }
}
