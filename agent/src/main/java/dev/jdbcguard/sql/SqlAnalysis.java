package dev.jdbcguard.sql;

import dev.jdbcguard.sql.SqlLexer.Token;
import dev.jdbcguard.sql.SqlLexer.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the tokens of a text statement by statement and collects what {@link SqlFacts} reports. Filled
 * once in its constructor and never changed afterwards; SqlFacts holds it in a final field.
 */
final class SqlAnalysis {

    int statements;
    boolean unknown;
    boolean backslashQuote;
    boolean compound;
    boolean pureRead;
    boolean callsProcedure;
    String schema;
    boolean begins;
    boolean ends;
    boolean commits;
    boolean rollsBack;
    boolean releasesSession;
    SqlFacts.Tx tx = SqlFacts.Tx.NONE;
    SqlFacts.Autocommit autocommit = SqlFacts.Autocommit.UNCHANGED;
    final Set<String> sessionVariables = new LinkedHashSet<String>();
    boolean setsRole;
    final Set<String> userVariables = new LinkedHashSet<String>();
    final List<String> lockNames = new ArrayList<String>();
    final List<String> releasedLockNames = new ArrayList<String>();
    boolean releasesAllLocks;
    boolean createsTemporaryTable;
    boolean dropsTemporaryTable;
    boolean locksTables;
    boolean unlocksTables;
    final List<String> prepared = new ArrayList<String>();
    final List<String> deallocated = new ArrayList<String>();
    SqlFacts.Xa xa = SqlFacts.Xa.NONE;
    boolean kill;
    long killedSession = -1;

    private final List<Token> t;
    private final Tokens tk;
    private final PureRead reads;

    SqlAnalysis(String sql) {
        String text = sql == null ? "" : sql;
        SqlLexer lexer = SqlLexer.lex(text);
        t = lexer.tokens;
        tk = new Tokens(text, t);
        reads = new PureRead(t, tk);
        unknown = lexer.unterminated;
        backslashQuote = lexer.backslashQuote;
        boolean lastPure = false;
        int s = 0;
        while (s < t.size()) {
            if (t.get(s).type == Type.SEMI) {
                s++;
                continue;
            }
            int e = tk.nextSemi(s);
            if (anonymousBlock(s) || definesStoredProgram(s, e)) {
                compound = true; // its body has ';' of its own: one statement up to the end, never pure
                e = t.size();
            }
            statements++;
            lastPure = statement(s, e);
            s = e;
        }
        pureRead = statements == 1 && lastPure && !unknown && !backslashQuote && !compound;
        commits |= unknown || backslashQuote || compound;
    }

    /** One top-level statement: its side effects wherever they are, then what its verb does. */
    private boolean statement(int s, int e) {
        if (!definesStoredCode(s, e)) {
            scanEffects(s, e); // a view's or routine's body runs later, not now
        }
        if (anonymousBlock(s)) {
            return false;
        }
        return verb(s, e);
    }

    /** Effects that any statement can have in any clause: named locks and user-variable assignments. */
    private void scanEffects(int s, int e) {
        for (int i = s; i < e; i++) {
            Token k = t.get(i);
            if (k.type == Type.WORD && tk.op(i + 1, "(")) {
                if (k.is("GET_LOCK")) {
                    lockNames.add(literalArgument(i + 2));
                } else if (k.is("RELEASE_LOCK")) {
                    releasedLockNames.add(literalArgument(i + 2));
                } else if (k.is("RELEASE_ALL_LOCKS")) {
                    releasesAllLocks = true;
                }
            } else if (k.type == Type.USER_VAR && tk.op(i + 1, ":=")) {
                userVariables.add(k.text);
            } else if (k.is("INTO")) {
                for (int j = i + 1; j < e && t.get(j).type == Type.USER_VAR; j += 2) {
                    userVariables.add(t.get(j).text);
                    if (!tk.op(j + 1, ",")) {
                        break;
                    }
                }
            }
        }
    }

    /** The value of a lone string literal at i followed by ',' or ')', else null (not known here). */
    private String literalArgument(int i) {
        if (i < t.size() && (t.get(i).type == Type.STRING || t.get(i).type == Type.DQ_STRING)
                && (tk.op(i + 1, ",") || tk.op(i + 1, ")"))) {
            return t.get(i).text;
        }
        return null;
    }

    /** Dispatches on the first keyword; returns whether the statement is a read that is safe to repeat. */
    boolean verb(int s, int e) {
        String kw = tk.word(s);
        if (kw.isEmpty() && tk.op(s, "(")) {
            int i = s;
            while (tk.op(i, "(")) {
                i++;
            }
            return PureRead.readVerb(tk.word(i)) && reads.pure(s, e);
        }
        if (PureRead.readVerb(kw)) {
            return reads.pure(s, e);
        }
        switch (kw) {
            case "WITH": return reads.withMainIsRead(s, e) && reads.pure(s, e);
            case "DESC": case "DESCRIBE": return !reads.explainsAnalyze(s, e) && reads.pure(s, e);
            case "SET": return new SqlSet(this, t).set(s, e);
            case "USE": schema = tk.name(s + 1); return false;
            case "START": commits = true; if (tk.word(s + 1).equals("TRANSACTION")) { begin(); } return false;
            case "BEGIN": commits = true; begin(); return false;
            case "COMMIT": end(true, s, e); return false;
            case "ROLLBACK": if (!tk.has(s, e, "TO")) { end(false, s, e); } return false;
            case "XA": xa(s); return false;
            case "LOCK": commits = true; locksTables = true; return false;
            case "UNLOCK": commits = true; unlocksTables = true; return false;
            case "FLUSH": commits = true; locksTables |= tk.hasPair(s, e, "READ", "LOCK") || tk.hasPair(s, e, "FOR", "EXPORT");
                return false;
            case "BACKUP": commits = true; backup(s); return false;
            case "CREATE": create(s); return false;
            case "DROP": drop(s); return false;
            case "PREPARE": prepared.add(tk.lowerName(s + 1)); return false;
            case "DEALLOCATE": if (tk.word(s + 1).equals("PREPARE")) { deallocated.add(tk.lowerName(s + 2)); } return false;
            case "CALL": callsProcedure = true; commits = true; return false;
            case "KILL": kill(s, e); return false;
            default: commits |= !NO_COMMIT.contains(kw); return false;
        }
    }

    /** First keywords of statements the manuals never list as committing; anything else may commit. */
    private static final Set<String> NO_COMMIT = new HashSet<String>(java.util.Arrays.asList(
            "INSERT", "UPDATE", "DELETE", "REPLACE", "DO", "HANDLER", "HELP", "EXPLAIN", "CHECKSUM", "SIGNAL",
            "RESIGNAL", "GET", "SAVEPOINT", "RELEASE", "SHOW", "SELECT", "TABLE", "VALUES", "WITH", "DESC",
            "DESCRIBE", "USE", "PREPARE", "DEALLOCATE"));


    void begin() {
        begins = true;
        tx = SqlFacts.Tx.BEGINS;
    }

    void endTransaction(boolean commit) {
        ends = true;
        tx = SqlFacts.Tx.ENDS;
        if (commit) {
            commits = true;
        } else {
            rollsBack = true;
        }
    }

    /** COMMIT|ROLLBACK [WORK] [AND [NO] CHAIN] [[NO] RELEASE]. */
    private void end(boolean commit, int s, int e) {
        endTransaction(commit);
        if (tk.hasPair(s, e, "AND", "CHAIN")) {
            begin();
        }
        for (int i = s; i < e; i++) {
            if (t.get(i).is("RELEASE") && !t.get(i - 1).is("NO")) {
                releasesSession = true;
            }
        }
    }

    private void xa(int s) {
        String v = tk.word(s + 1);
        if (v.equals("START") || v.equals("BEGIN")) {
            xa = SqlFacts.Xa.START;
            begin();
        } else if (v.equals("COMMIT") || v.equals("ROLLBACK")) {
            xa = v.equals("COMMIT") ? SqlFacts.Xa.COMMIT : SqlFacts.Xa.ROLLBACK;
            endTransaction(v.equals("COMMIT"));
        } else if (v.equals("END") || v.equals("PREPARE") || v.equals("RECOVER")) {
            xa = SqlFacts.Xa.valueOf(v);
        } else {
            commits = true; // an XA form we do not know
        }
    }

    /** MariaDB: BACKUP STAGE START ... BACKUP STAGE END, BACKUP LOCK t ... BACKUP UNLOCK. */
    private void backup(int s) {
        String what = tk.word(s + 1);
        String stage = tk.word(s + 2);
        locksTables |= what.equals("LOCK") || what.equals("STAGE") && stage.equals("START");
        unlocksTables |= what.equals("UNLOCK") || what.equals("STAGE") && stage.equals("END");
    }

    private void create(int s) {
        int i = s + 1;
        if (tk.word(i).equals("OR") && tk.word(i + 1).equals("REPLACE")) {
            i += 2;
        }
        if (tk.word(i).equals("TEMPORARY") && tk.word(i + 1).equals("TABLE")) {
            createsTemporaryTable = true; // no implicit commit for temporary tables
        } else {
            commits = true;
        }
    }

    private void drop(int s) {
        if (tk.word(s + 1).equals("TEMPORARY") && tk.word(s + 2).equals("TABLE")) {
            dropsTemporaryTable = true;
        } else if (tk.word(s + 1).equals("PREPARE")) {
            deallocated.add(tk.lowerName(s + 2));
        } else {
            commits = true;
        }
    }

    /** KILL [HARD|SOFT] [CONNECTION] n ends session n; KILL QUERY, USER or an expression ends no known one. */
    private void kill(int s, int e) {
        kill = true;
        killedSession = -1;
        int i = s + 1;
        if (tk.word(i).equals("HARD") || tk.word(i).equals("SOFT")) {
            i++;
        }
        if (tk.word(i).equals("CONNECTION")) {
            i++;
        }
        if (i == e - 1 && t.get(i).type == Type.NUMBER) {
            try {
                killedSession = Long.parseLong(t.get(i).text);
            } catch (NumberFormatException notADecimal) {
                killedSession = -1;
            }
        }
    }

    /** MariaDB runs BEGIN NOT ATOMIC, IF, CASE, LOOP, REPEAT, WHILE, FOR and labelled blocks as statements. */
    private boolean anonymousBlock(int s) {
        String kw = tk.word(s);
        return kw.equals("BEGIN") && tk.word(s + 1).equals("NOT") && tk.word(s + 2).equals("ATOMIC")
                || kw.equals("IF") || kw.equals("CASE") || kw.equals("LOOP") || kw.equals("REPEAT")
                || kw.equals("WHILE") || kw.equals("FOR")
                || (t.get(s).type == Type.WORD || t.get(s).type == Type.QUOTED_ID) && tk.op(s + 1, ":");
    }

    /** CREATE/ALTER of a procedure, function, trigger or event: its body may hold ';'. */
    private boolean definesStoredProgram(int s, int e) {
        String kind = definedKind(s, e);
        return kind.equals("PROCEDURE") || kind.equals("FUNCTION") || kind.equals("TRIGGER") || kind.equals("EVENT");
    }

    private boolean definesStoredCode(int s, int e) {
        return definesStoredProgram(s, e) || definedKind(s, e).equals("VIEW"); // code that runs later
    }

    private static final Set<String> KINDS = new HashSet<String>(java.util.Arrays.asList(
            "TABLE", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "DATABASE", "SCHEMA", "INDEX", "USER",
            "ROLE", "SEQUENCE", "SERVER", "TABLESPACE", "LOGFILE", "SPATIAL", "RESOURCE"));

    /** The first object-kind word of a CREATE or ALTER (after OR REPLACE, DEFINER=..., ALGORITHM=...). */
    private String definedKind(int s, int e) {
        if (!tk.word(s).equals("CREATE") && !tk.word(s).equals("ALTER")) {
            return "";
        }
        for (int i = s + 1; i < e; i++) {
            if (t.get(i).type == Type.WORD && KINDS.contains(t.get(i).text)) {
                return t.get(i).text;
            }
        }
        return "";
    }
}
