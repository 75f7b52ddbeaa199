package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** Which weaves a method of a class gets: the whole list of what the agent instruments. */
final class Plans {

    static final String[] POOL_CLASSES = {
        "com/zaxxer/hikari/pool/PoolBase", "com/zaxxer/hikari/pool/ProxyConnection",
        "org/apache/commons/dbcp2/PoolableConnectionFactory",
        "org/apache/commons/dbcp2/PoolingDataSource$PoolGuardConnectionWrapper",
        "com/mchange/v2/c3p0/WrapperConnectionPoolDataSource", "com/mchange/v2/c3p0/impl/NewProxyConnection",
        "org/apache/tomcat/jdbc/pool/ConnectionPool",
    };

    /**
     * Pools' own Connection and Statement classes only delegate to the driver's, which are woven;
     * weaving them as well would put a second, always-missing lookup on every call. (Tomcat JDBC's
     * proxies are JDK proxies, which are never woven.)
     */
    private static final String[] POOL_WRAPPER_PACKAGES = {
        "com/zaxxer/hikari/pool/", "org/apache/commons/dbcp2/", "com/mchange/v2/c3p0/impl/NewProxy",
    };

    private static final Weave USE = Weave.ConnectionCall.plain(Bridge.OP_USE);
    private static final Weave CREATE_STATEMENT = Weave.ConnectionCall.plain(Bridge.OP_CREATE_STATEMENT);
    private static final Weave PREPARE = new Weave.ConnectionCall(Bridge.OP_PREPARE, 0, -1, -1, true);
    private static final Weave PREPARED = new Weave.Prepared();
    private static final Weave SET_AUTOCOMMIT = new Weave.ConnectionCall(Bridge.OP_SET_AUTOCOMMIT, -1, 0, -1, true);
    private static final Weave COMMIT = Weave.ConnectionCall.plain(Bridge.OP_COMMIT);
    private static final Weave ROLLBACK = Weave.ConnectionCall.plain(Bridge.OP_ROLLBACK);
    private static final Weave SET_CATALOG = new Weave.ConnectionCall(Bridge.OP_SET_CATALOG, -1, -1, 0, true);
    private static final Weave SET_ISOLATION = new Weave.ConnectionCall(Bridge.OP_SET_ISOLATION, -1, 0, -1, true);
    private static final Weave SET_READ_ONLY = new Weave.ConnectionCall(Bridge.OP_SET_READ_ONLY, -1, 0, -1, true);
    private static final Weave SET_NETWORK_TIMEOUT =
            new Weave.ConnectionCall(Bridge.OP_SET_NETWORK_TIMEOUT, -1, 1, -1, true);
    /**
     * isValid is never refused (a pool must get its answer, never an exception), but a stale
     * connection is healed there first, so the pool's own check finds it working.
     */
    private static final Weave VALIDATE = new Weave.Validate();
    /** close() is never refused, never healed; only recorded. */
    private static final Weave CLOSE = new Weave.ConnectionCall(Bridge.OP_CLOSE, -1, -1, -1, false);
    private static final Weave DRIVER_CONNECT = new Weave.DriverConnect(true);
    private static final Weave FACTORY = new Weave.DriverConnect(false);
    private static final Weave CLEANUP = new Weave.Cleanup();
    private static final Weave POOL_CREATED = new Weave.PoolCreated();
    private static final Weave POOL_OPENS = new Weave.PoolOpens();
    private static final Weave PROXY_CREATED = new Weave.CheckedOut(false);
    private static final Weave BORROWED = new Weave.CheckedOut(true);
    private static final Weave PROXY_CLOSED = new Weave.CheckedIn(false);
    private static final Weave RETURNED = new Weave.CheckedIn(true);

    private final String type;
    private final int roles;
    private final Weave statement;

    /**
     * {@code type} is the internal name, {@code roles} the {@link Hierarchy} bits of a concrete
     * class, {@code connectionField} where its statements keep their connection (or null).
     */
    Plans(String type, int roles, ConnectionField connectionField) {
        this.type = type;
        this.roles = roles;
        this.statement = new Weave.StatementExecute(connectionField);
    }

    Plans(String type, int roles) {
        this(type, roles, null);
    }

    /** True when some method of the class may be woven at all. */
    boolean anything() {
        return roles != 0 || isPoolClass(type) || isDriverFactory(type) || type.equals("com/mysql/cj/jdbc/ConnectionImpl");
    }

    /** The weaves for one method; empty for most. */
    List<Weave> of(int access, String name, String descriptor) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0) {
            return Collections.emptyList();
        }
        List<Weave> weaves = new ArrayList<>(2);
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        Type[] args = Type.getArgumentTypes(descriptor);
        poolWeaves(weaves, name, isStatic, args);
        driverWeaves(weaves, name, isStatic, args);
        boolean publicInstance = !isStatic && (access & Opcodes.ACC_PUBLIC) != 0 && !isPoolWrapper(type);
        if (publicInstance && (roles & Hierarchy.CONNECTION) != 0) {
            Weave weave = connectionWeave(name, args);
            if (weave != null) {
                weaves.add(weave);
                if (weave == PREPARE) {
                    weaves.add(PREPARED); // the driver may need to know every statement it prepared
                }
            }
        }
        if (publicInstance && (roles & Hierarchy.STATEMENT) != 0 && name.startsWith("execute")) {
            weaves.add(statement);
        }
        return weaves;
    }

    private void poolWeaves(List<Weave> weaves, String name, boolean isStatic, Type[] args) {
        switch (type) {
            case "com/zaxxer/hikari/pool/PoolBase":
                pool(weaves, name, isStatic, "newConnection");
                break;
            case "org/apache/commons/dbcp2/PoolableConnectionFactory":
                pool(weaves, name, isStatic, "makeObject");
                break;
            case "com/mchange/v2/c3p0/WrapperConnectionPoolDataSource":
                pool(weaves, name, isStatic, "getPooledConnection");
                break;
            case "org/apache/tomcat/jdbc/pool/ConnectionPool":
                pool(weaves, name, isStatic, "createConnection");
                if (!isStatic && name.equals("borrowConnection") && args.length == 3) {
                    weaves.add(BORROWED);
                } else if (!isStatic && name.equals("returnConnection") && args.length == 1) {
                    weaves.add(RETURNED);
                }
                break;
            case "com/zaxxer/hikari/pool/ProxyConnection":
            case "org/apache/commons/dbcp2/PoolingDataSource$PoolGuardConnectionWrapper":
            case "com/mchange/v2/c3p0/impl/NewProxyConnection":
                if (name.equals("<init>")) {
                    weaves.add(PROXY_CREATED);
                } else if (!isStatic && name.equals("close") && args.length == 0) {
                    weaves.add(PROXY_CLOSED);
                }
                break;
            default:
                break;
        }
    }

    private static void pool(List<Weave> weaves, String name, boolean isStatic, String opens) {
        if (name.equals("<init>")) {
            weaves.add(POOL_CREATED);
        } else if (!isStatic && name.equals(opens)) {
            weaves.add(POOL_OPENS);
        }
    }

    private void driverWeaves(List<Weave> weaves, String name, boolean isStatic, Type[] args) {
        if ((roles & Hierarchy.DRIVER) != 0 && !isStatic && name.equals("connect") && args.length == 2
                && isString(args[0])) {
            weaves.add(DRIVER_CONNECT);
        }
        if (isDriverFactory(type) && isStatic && name.equals("connect") && args.length == 1 && !isString(args[0])) {
            weaves.add(FACTORY);
        }
        if (type.equals("com/mysql/cj/jdbc/ConnectionImpl")) {
            if (isStatic && name.equals("getInstance")) {
                weaves.add(FACTORY);
            } else if (!isStatic && name.equals("handleCleanup") && args.length == 1
                    && args[0].getInternalName().equals("java/lang/Throwable")) {
                weaves.add(CLEANUP);
            }
        }
    }

    private static Weave connectionWeave(String name, Type[] args) {
        switch (name) {
            case "createStatement":
                return CREATE_STATEMENT;
            case "setSavepoint":
            case "releaseSavepoint":
                return USE;
            case "prepareStatement":
            case "prepareCall":
                return args.length > 0 && isString(args[0]) ? PREPARE : null;
            case "setAutoCommit":
                return args.length == 1 && args[0].getSort() == Type.BOOLEAN ? SET_AUTOCOMMIT : null;
            case "commit":
                return args.length == 0 ? COMMIT : null;
            case "rollback":
                return args.length == 0 ? ROLLBACK : args.length == 1 ? USE : null;
            case "setCatalog":
            case "setSchema":
                return args.length == 1 && isString(args[0]) ? SET_CATALOG : null;
            case "setTransactionIsolation":
                return args.length == 1 && args[0].getSort() == Type.INT ? SET_ISOLATION : null;
            case "setReadOnly":
                return args.length == 1 && args[0].getSort() == Type.BOOLEAN ? SET_READ_ONLY : null;
            case "setNetworkTimeout":
                return args.length == 2 && args[1].getSort() == Type.INT ? SET_NETWORK_TIMEOUT : null;
            case "isValid":
                return args.length == 1 && args[0].getSort() == Type.INT ? VALIDATE : null;
            case "close":
                return args.length == 0 ? CLOSE : null;
            case "abort":
                return args.length == 1 ? CLOSE : null;
            default:
                return null;
        }
    }

    static boolean isPoolClass(String internalName) {
        for (String pool : POOL_CLASSES) {
            if (pool.equals(internalName)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPoolWrapper(String internalName) {
        for (String prefix : POOL_WRAPPER_PACKAGES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDriverFactory(String type) {
        return type.equals("org/mariadb/jdbc/Driver") || type.equals("org/mariadb/jdbc/NonRegisteringDriver");
    }

    private static boolean isString(Type type) {
        return type.getSort() == Type.OBJECT && type.getInternalName().equals("java/lang/String");
    }
}
