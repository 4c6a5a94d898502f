package org.dicomsec.data;

import java.util.ResourceBundle;

/**
 * The {@link System.Logger} of every class of the dicomsec libraries, obtained from
 * {@link System#getLogger} at its first message, not when the class is loaded.
 *
 * <p>The first {@code System.getLogger} of a process finds the {@code LoggerFinder}: a service
 * lookup that opens every jar of the class path, and the start of {@code java.util.logging}
 * (15-20 ms of a command's start, measured). An application that wants no library message below
 * some level says so with {@link #floor}: a message below it is dropped without asking the
 * backend, so a command that logs nothing never starts one. Without a floor (the default) every
 * message goes to the backend as if the class held {@code System.getLogger(name)} itself.
 *
 * <p>The loggers returned here implement {@code System.Logger}, which the JDK's backends skip
 * when they look for the caller: a record names the library class and method that logged it.
 */
public final class LibraryLog {

    /** Severity below which messages are dropped unasked; {@code ALL}'s: none is. */
    private static volatile int floor = System.Logger.Level.ALL.getSeverity();

    private LibraryLog() {
    }

    /** The logger of a library class, named after it. */
    public static System.Logger logger(Class<?> owner) {
        return new Lazy(owner.getName());
    }

    /**
     * Drops every library message below {@code level} before any backend is asked (for the whole
     * process); {@code ALL} (the default) drops none, {@code OFF} all.
     */
    public static void floor(System.Logger.Level level) {
        floor = level.getSeverity();
    }

    private static final class Lazy implements System.Logger {
        private final String name;
        private volatile System.Logger backend;

        Lazy(String name) {
            this.name = name;
        }

        private System.Logger backend() {
            System.Logger b = backend;
            if (b == null) {
                b = System.getLogger(name);
                backend = b;
            }
            return b;
        }

        private static boolean above(Level level) {
            return level.getSeverity() >= floor && level != Level.OFF;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return above(level) && backend().isLoggable(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (above(level)) {
                backend().log(level, bundle, msg, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (above(level)) {
                backend().log(level, bundle, format, params);
            }
        }
    }
}
