package org.dicomsec.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.dicomsec.tls.KeyFiles;

/**
 * Where a password (of an ISCL keyring, of PKCS#12 files) comes from: a file
 * ({@code --password-file}, its first line), an environment variable
 * ({@code --password-env}), or, with a warning, the command line
 * ({@code --password}); for a keyring, the terminal without echo when none of
 * them is given. The password is never printed or logged.
 */
final class PasswordOptions {

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
    record Names(String file, String env, String clear) {
        static final Names DEFAULT = new Names(TransportOptions.PASSWORD_FILE, TransportOptions.PASSWORD_ENV,
                TransportOptions.PASSWORD);

        /** Declares the three options on {@code p}; {@code what} says whose password ("the keyring"). */
        OptionParser declare(OptionParser p, String what) {
            return p.value(file, '\0', "FILE", "read the password of " + what + " from the first line of FILE")
                    .value(env, '\0', "VAR", "read the password of " + what + " from environment variable VAR")
                    .value(clear, '\0', "PASSWORD", "the password of " + what
                            + " in clear (visible to others, warns: prefer --" + file + ")");
        }

        /** True when any of the three was given. */
        boolean given(ParsedOptions o) {
            return o.has(file) || o.has(env) || o.has(clear);
        }
    }

    private PasswordOptions() {
    }

    /**
     * The password given by one of the options, or null when none of them is.
     *
     * @throws UsageException   when two are given, the variable is unset, the file's first line is empty
     * @throws CommandException (status 2) when the file cannot be read
     */
    static char[] given(ParsedOptions o, Names names, PrintStream err, UnaryOperator<String> env)
            throws UsageException, CommandException {
        int given = (o.has(names.clear()) ? 1 : 0) + (o.has(names.file()) ? 1 : 0) + (o.has(names.env()) ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --" + names.file() + ", --" + names.env() + ", --" + names.clear());
        }
        if (o.has(names.file())) {
            return readFile(Path.of(o.value(names.file())), "--" + names.file());
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
            return o.value(names.clear()).toCharArray();
        }
        return null;
    }

    /**
     * The password from the options, else from the terminal; never empty.
     *
     * @param what    for the prompt and messages ("keyring /x/a.keyring")
     * @param confirm ask twice on the terminal (a new password)
     * @throws UsageException as {@link #given}, and when no option is given and there is no terminal to ask
     */
    static char[] read(ParsedOptions o, Names names, PrintStream err, UnaryOperator<String> env, Prompt prompt,
                       String what, boolean confirm) throws UsageException, CommandException {
        char[] given = given(o, names, err, env);
        if (given != null) {
            if (given.length == 0) { // only --password "" can be empty
                throw new UsageException("--" + names.clear() + ": empty password");
            }
            return given;
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
            wipe(again);
            if (!same) {
                Arrays.fill(p, '\0');
                throw new UsageException("the two passwords for " + what + " differ");
            }
        }
        return p;
    }

    /** Overwrites a password's characters once it is used; null is nothing to clear. */
    static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The first line of {@code file} ({@link KeyFiles#readPassword}); an empty one is refused. */
    static char[] readFile(Path file, String option) throws UsageException, CommandException {
        try {
            return KeyFiles.readPassword(file);
        } catch (IllegalArgumentException e) { // too long for a password, or an empty first line
            throw new UsageException(option + " " + file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CommandException(option + ": no such file: " + file, 2, e);
        } catch (IOException e) {
            throw new CommandException(option + " " + file + ": " + (Files.isDirectory(file)
                    ? "is a directory, not a file" : TransportOptions.reasonOf(e)), 2, e);
        }
    }
}
