package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dicomsec.data.LibraryLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The libraries' lazy loggers, with java.util.logging (the JDK's default backend) behind them. */
class LibraryLogTest {

    private final Logger jul = Logger.getLogger(LibraryLogTest.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    /** Each record's source class and method, as found while it was published. */
    private final List<String> sources = new ArrayList<>();
    private final Handler keep = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
            sources.add(r.getSourceClassName() + "." + r.getSourceMethodName());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private java.util.logging.Level saved;

    @BeforeEach
    void listen() {
        saved = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(keep);
    }

    @AfterEach
    void restore() {
        LibraryLog.floor(Level.ALL);
        jul.removeHandler(keep);
        jul.setLevel(saved);
    }

    private static final String CALLER = LibraryLogTest.class.getName()
            + ".withoutAFloorEveryMessageReachesTheBackendNamingItsCaller";

    @Test
    void withoutAFloorEveryMessageReachesTheBackendNamingItsCaller() {
        System.Logger log = LibraryLog.logger(LibraryLogTest.class);
        assertEquals(LibraryLogTest.class.getName(), log.getName());
        assertTrue(log.isLoggable(Level.DEBUG));
        log.log(Level.DEBUG, "debug {0}", 1);
        log.log(Level.INFO, "info");
        log.log(Level.WARNING, "warning", new IllegalStateException("x"));
        log.log(Level.TRACE, () -> "trace");
        assertEquals(4, records.size(), records.toString());
        assertEquals(List.of(java.util.logging.Level.FINE, java.util.logging.Level.INFO,
                java.util.logging.Level.WARNING, java.util.logging.Level.FINER),
                records.stream().map(LogRecord::getLevel).toList());
        assertEquals("x", records.get(2).getThrown().getMessage());
        // the JDK skips System.Logger implementations when it looks for the caller
        assertEquals(List.of(CALLER, CALLER, CALLER, CALLER), sources);
    }

    @Test
    void belowTheFloorNothingIsAskedOrLogged() {
        System.Logger log = LibraryLog.logger(LibraryLogTest.class);
        LibraryLog.floor(Level.WARNING);
        assertFalse(log.isLoggable(Level.INFO));
        assertTrue(log.isLoggable(Level.WARNING));
        boolean[] asked = {false};
        log.log(Level.INFO, () -> {
            asked[0] = true;
            return "not built";
        });
        log.log(Level.INFO, "dropped {0}", 1);
        log.log(Level.DEBUG, "dropped", new RuntimeException());
        assertFalse(asked[0], "a message below the floor is not even built");
        assertTrue(records.isEmpty(), records.toString());
        log.log(Level.ERROR, "kept {0}", "e");
        assertEquals(1, records.size());
        assertEquals(java.util.logging.Level.SEVERE, records.get(0).getLevel());
        LibraryLog.floor(Level.OFF);
        log.log(Level.ERROR, "dropped too");
        assertFalse(log.isLoggable(Level.ERROR));
        assertEquals(1, records.size());
    }
}
