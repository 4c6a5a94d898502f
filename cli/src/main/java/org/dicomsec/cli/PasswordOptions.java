package org.dicomsec.cli;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Where the password of an ISCL keyring comes from: a file
 * ({@code --password-file}), an environment variable ({@code --password-env}),
 * the terminal without echo (when none of the options is given), or, with a
 * warning, the command line ({@code --password}). The password is never
 * printed or logged.
 */
final class KeyringPassword {

    /** Reads a password from the terminal without echo; null when there is no terminal. */
    @FunctionalInterface
    interface Prompt {
        char[] readPassword(String prompt);

        /** {@link System#console()}'s readPassword, or null without a terminal. */
        static Prompt console() {
            return prompt -> {
                Console c = System.console();
                return c == null ? null : c.readPassword("%s", prompt);
            };
        }
    }

    /** The names of the three options for one password. */
    record Options(String file, String env, String clear) {
        static final Options KEYRING = new Options(TransportOptions.PASSWORD_FILE, TransportOptions.PASSWORD_ENV,
                TransportOptions.PASSWORD);

        /** Declares the three options on {@code p}; {@code what} says whose password ("the keyring"). */
        OptionParser declare(OptionParser p, String what) {
            return p.value(file, '\0', "FILE", "read the password of " + what + " from the first line of FILE")
                    .value(env, '\0', "VAR", "read the password of " + what + " from environment variable VAR")
                    .value(clear, '\0', "PASSWORD", "the password of " + what
                            + " in clear (visible to others, warns: prefer --" + file + ")");
        }
    }

    private KeyringPassword() {
    }

    /**
     * The password from the options, else from the terminal.
     *
     * @param what    for the prompt and messages ("keyring /x/a.keyring")
     * @param confirm ask twice on the terminal (a new password)
     * @throws UsageException when two sources are given, the variable is unset, or no
     *                        option is given and there is no terminal to ask
     */
    static char[] read(ParsedOptions o, Options names, PrintStream err, UnaryOperator<String> env, Prompt prompt,
                       String what, boolean confirm) throws UsageException, CommandException {
        int given = (o.has(names.clear()) ? 1 : 0) + (o.has(names.file()) ? 1 : 0) + (o.has(names.env()) ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --" + names.file() + ", --" + names.env() + ", --" + names.clear());
        }
        if (o.has(names.file())) {
            return TransportOptions.readPasswordFile(Path.of(o.value(names.file())));
        }
        if (o.has(names.env())) {
            String var = o.value(names.env());
            String v = env.apply(var);
            if (v == null || v.isEmpty()) {
                throw new UsageException("--" + names.env() + ": environment variable " + var + " is not set");
            }
            return v.toCharArray();
        }
        if (o.has(names.clear())) {
            err.println("warning: --" + names.clear() + " shows the password to other users (process list, shell"
                    + " history); use --" + names.file() + " or --" + names.env());
            String v = o.value(names.clear());
            if (v.isEmpty()) {
                throw new UsageException("--" + names.clear() + ": empty password");
            }
            return v.toCharArray();
        }
        char[] p = prompt.readPassword("Password for " + what + ": ");
        if (p == null) {
            throw new UsageException("no password for " + what + ": give --" + names.file() + " FILE or --"
                    + names.env() + " VAR (there is no terminal to ask)");
        }
        if (p.length == 0) {
            throw new UsageException("empty password for " + what);
        }
        if (confirm) {
            char[] again = prompt.readPassword("Repeat the password for " + what + ": ");
            boolean same = again != null && Arrays.equals(p, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(p, '\0');
                throw new UsageException("the two passwords for " + what + " differ");
            }
        }
        return p;
    }
}
