package dev.jdbcguard.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Which names followed by '(' let a SELECT stay safe to run again on a new session.
 *
 * <p>A statement that failed on a lost link is re-run only if running it twice cannot differ from
 * running it once. So the list holds built-in functions that change nothing and whose answer on a
 * fresh session is as good as on the old one. Non-deterministic ones (NOW, RAND, UUID, SLEEP) are in:
 * the first answer never reached the application. Functions that read session state the healer
 * restores (DATABASE, CHARSET of a session variable) are in. Left out on purpose:
 * <ul>
 *   <li>locks and their probes: GET_LOCK, RELEASE_LOCK, RELEASE_ALL_LOCKS, IS_FREE_LOCK, IS_USED_LOCK;</li>
 *   <li>sequences: NEXTVAL, SETVAL, LASTVAL (MariaDB), which write or read per-session values;</li>
 *   <li>answers only the lost session knew: LAST_INSERT_ID, ROW_COUNT, FOUND_ROWS, CURRENT_ROLE
 *       (CONNECTION_ID is in: run again, it names the session that answers, which is the truth);</li>
 *   <li>waits and costs: BENCHMARK, MASTER_POS_WAIT, SOURCE_POS_WAIT, MASTER_GTID_WAIT,
 *       WAIT_FOR_EXECUTED_GTID_SET; and LOAD_FILE, which reads the server's files.</li>
 * </ul>
 * Any other name may be a stored function that writes, so it is not in. A built-in name wins over a
 * stored function of the same name only unqualified ({@code db.now()} is a stored function), and, for
 * the names in {@link #NEEDS_ADJACENT_PAREN}, only with no space before '(' (MySQL "Function Name
 * Parsing": without IGNORE_SPACE, {@code count (x)} is an identifier, so a stored function).
 */
final class PureFunctions {

    private PureFunctions() {
    }

    private static final Set<String> PURE = set(
            // aggregate and window
            "COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "BIT_AND",
            "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP",
            "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
            "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
            // control flow
            "IF", "IFNULL", "NULLIF", "COALESCE", "GREATEST", "LEAST", "ISNULL", "INTERVAL",
            // string
            "ASCII", "BIN", "BIT_LENGTH", "CHAR", "CHAR_LENGTH", "CHARACTER_LENGTH", "CONCAT", "CONCAT_WS", "ELT",
            "EXPORT_SET", "FIELD", "FIND_IN_SET", "FORMAT", "FROM_BASE64", "TO_BASE64", "HEX", "UNHEX", "INSERT",
            "INSTR", "LCASE", "UCASE", "LEFT", "RIGHT", "LENGTH", "OCTET_LENGTH", "LOCATE", "POSITION", "LOWER",
            "UPPER", "LPAD", "RPAD", "LTRIM", "RTRIM", "TRIM", "MAKE_SET", "MID", "OCT", "ORD", "QUOTE", "REPEAT",
            "REPLACE", "REVERSE", "SPACE", "SOUNDEX", "STRCMP", "SUBSTR", "SUBSTRING", "SUBSTRING_INDEX",
            "WEIGHT_STRING", "REGEXP_REPLACE", "REGEXP_SUBSTR", "REGEXP_INSTR", "MATCH",
            // hashing and compression
            "MD5", "SHA", "SHA1", "SHA2", "CRC32", "AES_ENCRYPT", "AES_DECRYPT", "COMPRESS", "UNCOMPRESS",
            "UNCOMPRESSED_LENGTH",
            // numeric
            "ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEIL", "CEILING", "CONV", "COS", "COT", "DEGREES", "EXP",
            "FLOOR", "LN", "LOG", "LOG2", "LOG10", "MOD", "PI", "POW", "POWER", "RADIANS", "RAND", "ROUND", "SIGN",
            "SIN", "SQRT", "TAN", "TRUNCATE",
            // date and time
            "ADDDATE", "ADDTIME", "CONVERT_TZ", "CURDATE", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "CURTIME", "DATE", "DATE_ADD", "DATE_SUB", "DATE_FORMAT", "DATEDIFF", "DAY", "DAYNAME", "DAYOFMONTH",
            "DAYOFWEEK", "DAYOFYEAR", "EXTRACT", "FROM_DAYS", "FROM_UNIXTIME", "GET_FORMAT", "HOUR", "LAST_DAY",
            "LOCALTIME", "LOCALTIMESTAMP", "MAKEDATE", "MAKETIME", "MICROSECOND", "MINUTE", "MONTH", "MONTHNAME",
            "NOW", "PERIOD_ADD", "PERIOD_DIFF", "QUARTER", "SEC_TO_TIME", "SECOND", "STR_TO_DATE", "SUBDATE",
            "SUBTIME", "SYSDATE", "TIME", "TIME_FORMAT", "TIME_TO_SEC", "TIMEDIFF", "TIMESTAMP", "TIMESTAMPADD",
            "TIMESTAMPDIFF", "TO_DAYS", "TO_SECONDS", "UNIX_TIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP",
            "WEEK", "WEEKDAY", "WEEKOFYEAR", "YEAR", "YEARWEEK",
            // casts
            "CAST", "CONVERT", "BINARY",
            // JSON
            "JSON_ARRAY", "JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT", "JSON_CONTAINS", "JSON_CONTAINS_PATH",
            "JSON_DEPTH", "JSON_EXTRACT", "JSON_INSERT", "JSON_KEYS", "JSON_LENGTH", "JSON_MERGE",
            "JSON_MERGE_PATCH", "JSON_MERGE_PRESERVE", "JSON_OBJECT", "JSON_OVERLAPS", "JSON_QUOTE",
            "JSON_REMOVE", "JSON_REPLACE", "JSON_SEARCH", "JSON_SET", "JSON_TYPE", "JSON_UNQUOTE", "JSON_VALID",
            "JSON_VALUE", "JSON_TABLE",
            // information (same answer on the healed session: same user, schema restored)
            "DATABASE", "SCHEMA", "CONNECTION_ID",
            "VERSION", "USER", "CURRENT_USER", "SYSTEM_USER", "SESSION_USER", "CHARSET",
            "COLLATION", "COERCIBILITY",
            // miscellaneous
            "UUID", "UUID_SHORT", "INET_ATON", "INET_NTOA", "INET6_ATON", "INET6_NTOA", "IS_IPV4", "IS_IPV6",
            "SLEEP", "DEFAULT", "NAME_CONST",
            // spatial, the common ones
            "POINT", "ST_ASTEXT", "ST_GEOMFROMTEXT", "ST_DISTANCE", "ST_DISTANCE_SPHERE", "ST_X", "ST_Y",
            "ST_CONTAINS", "ST_WITHIN", "ST_INTERSECTS", "ST_SRID");

    /** MySQL's list of names that are function calls only when '(' follows with no space. */
    private static final Set<String> NEEDS_ADJACENT_PAREN = set(
            "ADDDATE", "BIT_AND", "BIT_OR", "BIT_XOR", "CAST", "COUNT", "CURDATE", "CURTIME", "DATE_ADD",
            "DATE_SUB", "EXTRACT", "GROUP_CONCAT", "MAX", "MID", "MIN", "NOW", "POSITION", "SESSION_USER", "STD",
            "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "SUBDATE", "SUBSTR", "SUBSTRING", "SUM", "SYSDATE",
            "SYSTEM_USER", "TRIM", "VARIANCE", "VAR_POP", "VAR_SAMP");

    /** Reserved words and clause keywords that '(' may follow without being a call. */
    private static final Set<String> NOT_CALLS = set(
            "IN", "EXISTS", "ANY", "ALL", "SOME", "AS", "FROM", "JOIN", "STRAIGHT_JOIN", "ON", "USING", "AND",
            "OR", "NOT", "XOR", "WHERE", "SELECT", "VALUES", "ROW", "OVER", "WINDOW", "PARTITION", "BY", "HAVING",
            "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "LATERAL", "WHEN", "THEN", "ELSE", "CASE", "END",
            "BETWEEN", "LIKE", "IS", "NULL", "DISTINCT", "DISTINCTROW", "WITH", "RECURSIVE", "INTERVAL", "INDEX",
            "KEY", "OF", "AGAINST", "REGEXP", "RLIKE", "ESCAPE", "DIV", "HIGH_PRIORITY", "SQL_SMALL_RESULT",
            "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS", "TABLE");

    /** Type names, which follow AS in CAST, ',' in CONVERT and a column name in JSON_TABLE. */
    private static final Set<String> TYPES = set(
            "CHAR", "NCHAR", "VARCHAR", "BINARY", "VARBINARY", "DECIMAL", "DEC", "NUMERIC", "FIXED", "FLOAT",
            "DOUBLE", "REAL", "INT", "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "BIT", "DATETIME",
            "TIMESTAMP", "TIME", "DATE", "YEAR", "SIGNED", "UNSIGNED", "JSON", "TEXT");

    static boolean isPure(String upperName) {
        return PURE.contains(upperName);
    }

    static boolean needsAdjacentParen(String upperName) {
        return NEEDS_ADJACENT_PAREN.contains(upperName);
    }

    static boolean isNotACall(String upperName) {
        return NOT_CALLS.contains(upperName);
    }

    static boolean isType(String upperName) {
        return TYPES.contains(upperName);
    }

    private static Set<String> set(String... names) {
        return Collections.unmodifiableSet(new HashSet<String>(Arrays.asList(names)));
    }
}
