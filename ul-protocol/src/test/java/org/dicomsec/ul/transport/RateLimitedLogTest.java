package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter in front of a logger: a burst per window, then a count of what was left out. */
class RateLimitedLogTest {

    /** A logger that keeps what it is given. */
    static final class Kept implements Logger {
        final List<String> lines = new ArrayList<>();
        Level floor = Level.ALL;

        @Override
        public String getName() {
            return "kept";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= floor.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg + (thrown == null ? "" : " / " + thrown.getMessage()));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void aBurstPerWindowThenHowManyWereLeftOut() {
        Kept kept = new Kept();
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(kept, 2, 1000, now::get);
        for (int i = 1; i <= 5; i++) {
            log.log(Level.WARNING, "line {0} from {1}", i, "peer");
        }
        assertEquals(List.of("WARNING line 1 from peer", "WARNING line 2 from peer"), kept.lines);
        assertEquals(3, log.suppressedTotal());
        now.set(1000); // the next window
        log.log(Level.WARNING, "line {0}", 6);
        log.log(Level.WARNING, "no arguments: {braces} kept as they are");
        log.log(Level.ERROR, "with its cause", new IllegalStateException("why"));
        assertEquals(List.of("WARNING line 1 from peer", "WARNING line 2 from peer",
                "WARNING line 6 (3 similar lines left out before this one)",
                "WARNING no arguments: {braces} kept as they are"), kept.lines);
        assertEquals(4, log.suppressedTotal());
        now.set(2000);
        log.log(Level.ERROR, "with its cause", new IllegalStateException("why"));
        assertEquals("ERROR with its cause (1 similar line left out before this one) / why", kept.lines.get(4));
    }

    @Test
    void belowTheLoggersLevelNothingIsCounted() {
        Kept kept = new Kept();
        kept.floor = Level.WARNING;
        RateLimitedLog log = new RateLimitedLog(kept, 1, 1000, () -> 0);
        log.log(Level.INFO, "not wanted");
        log.log(Level.WARNING, "wanted");
        assertEquals(List.of("WARNING wanted"), kept.lines);
        assertEquals(0, log.suppressedTotal());
        assertEquals("kept", log.getName());
        assertEquals(false, log.isLoggable(Level.DEBUG));
    }

    @Test
    void aWindowAndABurstArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitedLog(new Kept(), 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitedLog(new Kept(), 1, 0));
    }
}
