package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The warnings TlsConfig logs for weaker choices, and the caller that says them itself. */
class TlsConfigWarningsTest {

    private final Logger logger = Logger.getLogger(TlsConfig.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    @Test
    void aWeakProfileAndNoPeerCheckAreEachLoggedOnce() {
        TlsConfig.builder().profile(TlsProfile.BASIC).peerCertificateRequired(false).build();
        assertEquals(2, records.size(), records.toString());
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.WARNING));
        assertTrue(records.get(0).getMessage().contains("allows TLS 1.0/1.1"), records.get(0).getMessage());
        assertTrue(records.get(1).getMessage().contains("peer certificate check DISABLED"),
                records.get(1).getMessage());
    }

    @Test
    void withoutLoggingTheSameConfigurationIsBuiltSilently() {
        TlsConfig c = TlsConfig.builder().profile(TlsProfile.BASIC).peerCertificateRequired(false).logWarnings(false)
                .build();
        assertEquals(List.of(), records);
        assertEquals(TlsProfile.BASIC, c.profile());
        assertEquals(false, c.peerCertificateRequired());
    }
}
