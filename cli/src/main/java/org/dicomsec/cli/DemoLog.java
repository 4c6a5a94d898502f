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
 * its handlers are replaced by this one, which keeps the lines and, with
 * {@code --verbose} only, prints them on stderr as they come. The tamper step
 * makes the libraries log integrity failures on purpose: without
 * {@code --verbose} they are kept (for the folder's demo.log and for a failed
 * run), not printed. {@link #close()} puts the previous configuration back.
 */
final class DemoLog extends Handler implements AutoCloseable {

    /** Lines kept at most (the demo logs a few dozen). */
    private static final int MAX_LINES = 2_000;

    private final Logger root = Logger.getLogger("");
    private final Level savedLevel = root.getLevel();
    private final Handler[] savedHandlers = root.getHandlers();
    private final SimpleFormatter text = new SimpleFormatter();
    private final boolean verbose;
    private final PrintStream err;
    private final List<String> lines = new ArrayList<>();

    private DemoLog(boolean verbose, PrintStream err) {
        this.verbose = verbose;
        this.err = err;
        setLevel(Level.ALL);
    }

    /** Takes over the root logger until {@link #close()}. */
    static DemoLog install(boolean verbose, PrintStream err) {
        DemoLog log = new DemoLog(verbose, err);
        for (Handler h : log.savedHandlers) {
            log.root.removeHandler(h);
        }
        log.root.addHandler(log);
        log.root.setLevel(verbose ? Level.INFO : Level.WARNING);
        return log;
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        String logger = r.getLoggerName() == null ? "?" : r.getLoggerName();
        String line = "log " + r.getLevel().getName() + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": "
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

    /** The lines logged so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Puts the root logger's handlers and level back. */
    @Override
    public void close() {
        root.removeHandler(this);
        for (Handler h : savedHandlers) {
            root.addHandler(h);
        }
        root.setLevel(savedLevel);
    }
}
