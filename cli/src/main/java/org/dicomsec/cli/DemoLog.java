package org.dicomsec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The demo's logging (System.Logger goes to java.util.logging): while the demo
 * runs, the root logger's level is WARNING, or INFO with {@code --verbose}, and
 * its handlers are replaced by one that keeps the lines and, with
 * {@code --verbose} only, prints them on stderr as they come. The tamper step
 * makes the libraries log integrity failures on purpose: without
 * {@code --verbose} they are kept (for the folder's demo.log and for a failed
 * run), not printed. {@link #close()} puts the previous configuration back.
 */
final class DemoLog implements AutoCloseable {

    /** Lines kept at most (the demo logs a few dozen). */
    private static final int MAX_LINES = 2_000;

    private final Logger root = Logger.getLogger("");
    private final Level savedLevel;
    private final Handler[] savedHandlers;
    private final Handler handler;
    private final List<String> lines = new ArrayList<>();

    private DemoLog(boolean verbose, PrintStream err) {
        savedLevel = root.getLevel();
        savedHandlers = root.getHandlers();
        SimpleFormatter text = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                String line = "log " + r.getLevel().getName() + " " + shortName(r.getLoggerName()) + ": "
                        + text.formatMessage(r);
                synchronized (lines) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    }
                }
                if (verbose) {
                    err.println(line);
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        handler.setLevel(Level.ALL);
        for (Handler h : savedHandlers) {
            root.removeHandler(h);
        }
        root.addHandler(handler);
        root.setLevel(verbose ? Level.INFO : Level.WARNING);
    }

    /** Takes over the root logger until {@link #close()}. */
    static DemoLog install(boolean verbose, PrintStream err) {
        return new DemoLog(verbose, err);
    }

    /** The lines logged so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "?";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        for (Handler h : savedHandlers) {
            root.addHandler(h);
        }
        root.setLevel(savedLevel);
    }
}
