package org.dicomsec.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.dicomsec.data.LibraryLog;

/**
 * The {@code dicomsec} command. Exit status: 0 success, 1 the operation ran
 * and failed (a peer refused, a check did not pass), 2 bad usage or bad input.
 */
public final class Main {

    /** A subcommand: runs with its own arguments and returns the exit status. */
    public interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;

        String summary();
    }

    private Main() {
    }

    public static void main(String[] args) {
        // text values are printed as UTF-8 whatever the platform default (a C locale would turn them into '?')
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        quietLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        Thread forgetOnSignal = forgetTrainingOnSignal();
        int status = run(args, out, err);
        out.flush();
        if (forgetOnSignal != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(forgetOnSignal); // the command ended by itself
            } catch (IllegalStateException stopping) {
                // a signal came meanwhile: the hook runs
            }
        }
        if (status != 0) {
            forgetTraining();
        }
        System.exit(status);
    }

    /**
     * Whether a first run that a signal ends keeps its recording. Not by default: such a run
     * recorded part of the command's path. {@link ScpCommand} sets it, before it listens, to
     * whether the server has accepted an association: an SCP runs until it is stopped, and its
     * recording is then what it served (one stopped idle recorded only its start: JDK 25,
     * `storescu` sending the small study into an SCP whose AOT cache a first run trained idle,
     * 1.51 s instead of 1.39 s, medians of 5 alternating sends).
     */
    static volatile BooleanSupplier keepTrainingOnSignal = () -> false;

    /**
     * On a first run (one that records for the launcher's archive), a shutdown hook that deletes
     * the recording when a signal (Ctrl-C, kill) ends the command before it ends by itself, unless
     * {@link #keepTrainingOnSignal}: the archive made from part of the command's path would serve
     * the real runs worse than none, as a failed run's (JDK 25, `store` of a 2,000-instance study
     * after a first run killed 0.2 s into its send: 0.64 s instead of 0.56 s, medians of 10). Null
     * when no hook is needed.
     */
    static Thread forgetTrainingOnSignal() {
        if (System.getProperty(TRAINING_PROPERTY, "").isEmpty()) {
            return null;
        }
        Thread hook = new Thread(() -> {
            if (!keepTrainingOnSignal.getAsBoolean()) {
                forgetTraining();
            }
        }, "dicomsec-forget-training");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * The system property by which the launcher (./dicomsec) names the file that the first run of
     * a subcommand records its classes, or its AOT configuration, into: the launcher's warm-start
     * archive is made from it.
     */
    static final String TRAINING_PROPERTY = "dicomsec.training";

    /**
     * Deletes the recording of a run that failed: it went another way than the command's real runs
     * (a peer down, a typo), and an archive made from it would serve them worse than none (JDK 25,
     * `store` of a 2,000-instance study after a first run against a closed port: 0.49-0.54 s
     * instead of 0.39-0.42 s). The JDK goes on writing into the deleted file, and nothing is left:
     * a later run records again.
     */
    static void forgetTraining() {
        String file = System.getProperty(TRAINING_PROPERTY, "");
        if (!file.isEmpty()) {
            try {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file));
            } catch (java.io.IOException | RuntimeException e) {
                // the launcher settles what is left at the next start
            }
        }
    }

    /**
     * The libraries log through System.Logger (java.util.logging here): a command prints its own
     * results, so library INFO lines (connections, listeners) show only with --verbose; warnings
     * (a weak profile chosen, a peer refused) always do. Nothing is started for it: the library
     * messages below that level are dropped before any logger is asked ({@link LibraryLog#floor}),
     * and java.util.logging, should anything start it (a warning, BouncyCastle's own loggers), reads
     * the JDK's configuration with the root logger at that level ({@link JulDefaults}) unless the
     * user names a configuration of their own. A command that logs nothing saves the start of the
     * logging: the service lookup that opens every jar and java.util.logging's (15-20 ms).
     */
    static void quietLogging(boolean verbose) {
        LibraryLog.floor(verbose ? System.Logger.Level.INFO : System.Logger.Level.WARNING);
        if (System.getProperty("java.util.logging.config.class") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(JulDefaults.ROOT_LEVEL, verbose ? "INFO" : "WARNING");
            System.setProperty("java.util.logging.config.class", JulDefaults.class.getName());
        }
        if (System.getProperty("java.util.logging.manager") == null) {
            // by name: the class literal would load java.util.logging's LogManager, its superclass
            System.setProperty("java.util.logging.manager", "org.dicomsec.cli.Main$LoggingUntilExit");
        }
    }

    /**
     * java.util.logging's manager for the commands: the JDK's, but its own shutdown hook, which
     * runs beside the commands' hooks in no set order, must not leave them without handlers. That
     * hook marks the logging as shut down, after which the root logger's handlers are never made,
     * and resets it, which removes them: a stopped {@code scp} logs the associations it aborts from
     * its hook, after their grace, and once anything had started java.util.logging (BouncyCastle's
     * loggers over TLS, --verbose) those lines were lost. So the root's handlers are made as soon
     * as a logger is added (java.util.logging makes them on a first message, else), and the reset
     * at exit is left out: a handler publishes each line whole and flushed (ConsoleHandler,
     * FileHandler). A manager of the user's own ({@code -Djava.util.logging.manager}) is left alone.
     */
    public static final class LoggingUntilExit extends java.util.logging.LogManager {
        public LoggingUntilExit() {
        }

        @Override
        public boolean addLogger(java.util.logging.Logger logger) {
            boolean added = super.addLogger(logger);
            String name = logger.getName();
            if (added && !name.isEmpty() && !name.equals(java.util.logging.Logger.GLOBAL_LOGGER_NAME)) {
                java.util.logging.Logger.getLogger("").getHandlers(); // makes them, if not yet made
            }
            return added;
        }

        @Override
        public void reset() {
            if (!exiting()) {
                super.reset();
            }
        }

        /** True once the JVM runs its shutdown hooks: no hook can be added then. */
        static boolean exiting() {
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
                return false;
            } catch (IllegalStateException shutdownInProgress) {
                return true;
            }
        }
    }

    /**
     * java.util.logging's configuration when it starts (it instantiates the class named by
     * {@code java.util.logging.config.class}): the JDK's own ({@code conf/logging.properties}),
     * the root logger's level from {@link #ROOT_LEVEL}, and one line a message, as a command's other
     * output ({@link #FORMAT}: "2026-12-08 01:26:22 WARNING: 127.0.0.1:11112 <- ...: aborting: ...
     * [org.dicomsec.ul.UpperLayer localAbort]", not the JDK's two lines);
     * {@code -Djava.util.logging.SimpleFormatter.format=...} still wins.
     */
    public static final class JulDefaults {
        /** The system property that holds the root logger's level. */
        static final String ROOT_LEVEL = "dicomsec.logging.level";
        /** SimpleFormatter's format: date, time, level, message, its source, then its throwable, if any. */
        static final String FORMAT = "%1$tF %1$tT %4$s: %5$s [%2$s]%6$s%n";

        public JulDefaults() throws java.io.IOException {
            java.nio.file.Path conf = java.nio.file.Path.of(System.getProperty("java.home"), "conf", "logging.properties");
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            if (java.nio.file.Files.isReadable(conf)) {
                text.write(java.nio.file.Files.readAllBytes(conf));
            } else {
                text.write("handlers=java.util.logging.ConsoleHandler\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            text.write(("\n.level=" + System.getProperty(ROOT_LEVEL, "INFO") + "\n"
                    + "java.util.logging.SimpleFormatter.format=" + FORMAT + "\n").getBytes(StandardCharsets.ISO_8859_1));
            java.util.logging.LogManager.getLogManager().readConfiguration(new java.io.ByteArrayInputStream(text.toByteArray()));
        }
    }

    /** Runs the command line and returns the exit status (never calls System.exit). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("dicomsec " + version());
            return 0;
        }
        Command cmd = Commands.make(args[0]);
        if (cmd == null) {
            err.println("dicomsec: unknown command '" + args[0] + "' (see dicomsec --help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        boolean verbose = Arrays.asList(rest).contains("--verbose") || Arrays.asList(rest).contains("-v");
        try {
            return cmd.run(rest, out, err);
        } catch (UsageException e) {
            err.println("dicomsec " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (CommandException e) {
            err.println("dicomsec " + args[0] + ": " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.status();
        } catch (Exception e) {
            err.println("dicomsec " + args[0] + ": " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return e instanceof java.io.IOException ? 2 : 1;
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * {@code v} with {@code decimals} digits after a point, rounded half up: what {@code %.Nf}
     * prints in the root locale, without the Formatter and the locale data it loads (16 ms of a
     * command's last line, measured on a fresh JVM).
     */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e15) {
            return Double.toString(v);
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long n = Math.round(Math.abs(v) * scale);
        StringBuilder b = new StringBuilder(v < 0 && n != 0 ? "-" : "").append(n / scale);
        if (decimals > 0) {
            String frac = Long.toString(n % scale);
            b.append('.').append("0".repeat(decimals - frac.length())).append(frac);
        }
        return b.toString();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static void usage(PrintStream out) {
        out.println("usage: dicomsec COMMAND [options] [arguments]");
        out.println();
        out.println("commands:");
        for (String name : Commands.NAMES) {
            out.printf("  %-10s %s%n", name, Commands.make(name).summary());
        }
        out.println();
        out.println("dicomsec COMMAND --help shows the options of a command; dicomsec --version, the version.");
        out.println("exit status: 0 success, 1 failure, 2 bad usage or bad input.");
    }
}
