package dev.jdbcguard.attach;

/** Lets tests outside this package run the CLI and get everything it printed. */
public final class CliAccess {

    private CliAccess() {
    }

    public static String run(String... args) throws Exception {
        Cli cli = Cli.run(args);
        return cli.out + cli.err;
    }
}
