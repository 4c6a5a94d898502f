package org.dicomsec.ul.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;

/**
 * A front for a {@link System.Logger} that lets at most {@code burst} lines through per
 * {@code interval} and counts the rest; the next line let through is preceded by how many
 * were left out. One per connection bounds what a hostile peer can make the server write
 * (a flood of invalid PDUs is answered on the wire as PS3.8 prescribes, but logged a few
 * times only); one per server bounds lines about refused connections. Thread-safe.
 */
public final class RateLimitedLog implements Logger {
    /** Per connection: 5 lines, then one line per 10 s window at most 5. */
    public static final int CONNECTION_BURST = 5;
    public static final long CONNECTION_INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final int burst;
    private final long intervalNanos;
    private final LongSupplier ticker;
    private long windowStart;
    private int inWindow;
    private long suppressed;
    private long suppressedTotal;

    /** A limiter letting {@code burst} lines through per {@code intervalNanos} on the system clock. */
    public RateLimitedLog(Logger log, int burst, long intervalNanos) {
        this(log, burst, intervalNanos, System::nanoTime);
    }

    RateLimitedLog(Logger log, int burst, long intervalNanos, LongSupplier ticker) {
        if (burst < 1 || intervalNanos <= 0) {
            throw new IllegalArgumentException("burst and interval must be positive");
        }
        this.log = Objects.requireNonNull(log);
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        this.ticker = ticker;
        this.windowStart = ticker.getAsLong();
    }

    /** The limiter for one connection's warnings ({@value #CONNECTION_BURST} lines per 10 s). */
    public static RateLimitedLog perConnection(Logger log) {
        return new RateLimitedLog(log, CONNECTION_BURST, CONNECTION_INTERVAL_NANOS);
    }

    /**
     * Logs the line if the window has room, else counts it. (A {@link System.Logger} itself, so that
     * the JDK's backends skip it when they look for the caller: a record names the class and method
     * that logged through it.)
     */
    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... args) {
        String line = admit(level, args == null || args.length == 0 ? format : MessageFormat.format(format, args));
        if (line != null) {
            log.log(level, line);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        String line = admit(level, msg);
        if (line != null) {
            log.log(level, line, thrown);
        }
    }

    /** The line to write, with what was left out before it; null when the window is full (counted). */
    private String admit(Level level, String line) {
        if (!log.isLoggable(level)) {
            return null;
        }
        long left;
        synchronized (this) {
            long now = ticker.getAsLong();
            if (now - windowStart >= intervalNanos) {
                windowStart = now;
                inWindow = 0;
            }
            if (inWindow >= burst) {
                suppressed++;
                suppressedTotal++;
                return null;
            }
            inWindow++;
            left = suppressed;
            suppressed = 0;
        }
        return left > 0 ? line + " (" + left + " similar line" + (left == 1 ? "" : "s") + " left out before this one)"
                : line;
    }

    @Override
    public String getName() {
        return log.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return log.isLoggable(level);
    }

    /** Lines left out so far in all. */
    public synchronized long suppressedTotal() {
        return suppressedTotal;
    }
}
