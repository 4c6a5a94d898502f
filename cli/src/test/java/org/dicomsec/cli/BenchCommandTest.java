package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** dicomsec bench with very short rows: every row is there with a positive rate; --json parses. */
class BenchCommandTest {

    /** Every row the table must have: group, name, and a word its implementation column contains. */
    static final List<String[]> ROWS = List.of(
            new String[] {"crypto", "DES-CBC", "iscl"},
            new String[] {"crypto", "3DES-CBC", "JCA"},
            new String[] {"crypto", "3DES-CBC", "BC lightweight"},
            new String[] {"crypto", "DES-MAC", "iscl"},
            new String[] {"crypto", "MD5+DES", "iscl"},
            new String[] {"crypto", "AES-128-GCM", "JCA"},
            new String[] {"crypto", "AES-128-GCM", "BC lightweight"},
            new String[] {"crypto", "AES-256-GCM", "JCA"},
            new String[] {"crypto", "AES-256-GCM", "BC lightweight"},
            new String[] {"crypto", "ChaCha20-Poly1305", "JCA"},
            new String[] {"crypto", "ChaCha20-Poly1305", "BC lightweight"},
            new String[] {"transfer", "raw TCP", "plain"},
            new String[] {"transfer", "TLS bcp195-nd", "TLSv1.3"},
            new String[] {"transfer", "TLS basic", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
            new String[] {"transfer", "ISCL with privacy", "DES-CBC"},
            new String[] {"transfer", "ISCL without privacy", "DES-MAC"},
            new String[] {"transfer", "C-STORE plain", "plain"},
            new String[] {"transfer", "C-STORE TLS bcp195-nd", "TLSv1.3"},
            new String[] {"transfer", "C-STORE ISCL privacy", "DES-CBC"},
            new String[] {"transfer", "C-STORE study plain", "plain"},
            new String[] {"transfer", "C-STORE study TLS bcp195-nd", "TLSv1.3"});

    /** Rows openssl speed has a figure for (its default provider's ciphers). */
    static final List<String> OPENSSL_ROWS = List.of("AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305", "3DES-CBC");

    /** Whether an openssl is on this test's PATH (then the crypto rows carry its figure). */
    static boolean opensslOnPath() {
        return org.dicomsec.ul.bench.OpenSslSpeed.onPath().isPresent();
    }

    @Test
    void tableHasEveryRowWithAPositiveRate() {
        CliRun r = CliRun.of("bench", "--seconds", "0.05");
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        assertTrue(out.contains("QUICK ESTIMATE"), out);
        assertTrue(out.contains("docs/benchmarks.md"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("JDK     ") && l.contains(System.getProperty("java.version"))),
                out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("CPU     ") && l.length() > 10), out);
        for (String[] row : ROWS) {
            Pattern p = Pattern.compile("^" + row[0] + " +" + Pattern.quote(row[1]) + " +.*" + Pattern.quote(row[2])
                    + ".*? ([0-9]+\\.[0-9])(  .*)?$", Pattern.MULTILINE);
            Matcher m = p.matcher(out);
            assertTrue(m.find(), "no row " + String.join(" / ", row) + " in\n" + out);
            assertTrue(Double.parseDouble(m.group(1)) > 0, "rate not positive in row " + row[1] + ":\n" + out);
            String note = m.group(2) == null ? "" : m.group(2);
            if (row[0].equals("crypto")) {
                assertTrue(note.matches("  [0-9]+-[0-9]+.*"), "low-high of the rounds in row " + row[1] + ":\n" + out);
                assertEquals(opensslOnPath() && OPENSSL_ROWS.contains(row[1]), note.contains("openssl "),
                        "openssl column of row " + row[1] + ":\n" + out);
            }
            assertEquals(row[1].startsWith("C-STORE study"), note.matches(".*  ?[0-9]+ instances/s"),
                    "instances/s of row " + row[1] + ":\n" + out);
        }
        assertTrue(out.contains(opensslOnPath() ? "'openssl speed' reference" : "no reference column"), out);
        // one line per row, no more
        assertEquals(ROWS.size(), out.lines().filter(l -> l.startsWith("crypto ") || l.startsWith("transfer ")).count(),
                out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonParsesAndHasEveryRow() {
        CliRun r = CliRun.of("bench", "--seconds", "0.05", "--json");
        assertEquals(0, r.status(), r.toString());
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(r.out());
        assertEquals(true, m.get("quickEstimate"));
        assertTrue(m.get("jdk").toString().contains(System.getProperty("java.version")), r.out());
        assertTrue(m.get("cpu").toString().length() > 0);
        List<Object> rows = (List<Object>) m.get("rows");
        assertEquals(ROWS.size(), rows.size(), r.out());
        List<String> missing = new ArrayList<>();
        for (String[] want : ROWS) {
            boolean found = false;
            for (Object o : rows) {
                Map<String, Object> row = (Map<String, Object>) o;
                if (row.get("group").equals(want[0]) && row.get("name").equals(want[1])
                        && row.get("implementation").toString().contains(want[2])) {
                    found = true;
                    assertTrue(((Number) row.get("megabytesPerSecond")).doubleValue() > 0, r.out());
                    assertTrue(((Number) row.get("bytes")).longValue() > 0, r.out());
                    plausible(row, r.out());
                }
            }
            if (!found) {
                missing.add(String.join(" / ", want));
            }
        }
        assertEquals(List.of(), missing, r.out());
    }

    /**
     * What the figures must satisfy whatever the machine's speed: the rate is bytes over seconds; a
     * crypto row is the median of its rounds (low &lt;= rate &lt;= high), timed by the thread's CPU clock
     * where the JVM has one; a study row counts whole instances; openssl's figure is on its rows only.
     */
    private static void plausible(Map<String, Object> row, String all) {
        double rate = ((Number) row.get("megabytesPerSecond")).doubleValue();
        double bytes = ((Number) row.get("bytes")).doubleValue();
        double seconds = ((Number) row.get("seconds")).doubleValue();
        // the JSON figures are rounded (to a few digits): four significant digits: compared to within 0.2%
        double tolerance = Math.max(0.01, rate * 2e-3);
        assertEquals(bytes / seconds / 1e6, rate, tolerance, "rate = bytes / seconds: " + row);
        String name = row.get("name").toString();
        if (row.get("group").equals("crypto")) {
            assertEquals(0, bytes % org.dicomsec.ul.bench.CryptoThroughput.BUFFER, "whole buffers: " + row);
            double low = ((Number) row.get("lowMegabytesPerSecond")).doubleValue();
            double high = ((Number) row.get("highMegabytesPerSecond")).doubleValue();
            assertTrue(low <= rate + tolerance && rate <= high + tolerance, "low <= median <= high: " + row);
            assertTrue(List.of("thread-cpu", "wall").contains(row.get("clock")), row.toString());
            assertEquals(opensslOnPath() && OPENSSL_ROWS.contains(name), row.containsKey("openSslMegabytesPerSecond"),
                    "openssl figure on " + name + ": " + all);
            if (row.containsKey("openSslMegabytesPerSecond")) {
                assertTrue(((Number) row.get("openSslMegabytesPerSecond")).doubleValue() > 0, row.toString());
            }
        } else {
            assertEquals("wall", row.get("clock"), row.toString());
            assertFalse(row.containsKey("openSslMegabytesPerSecond"), row.toString());
        }
        if (name.startsWith("C-STORE study")) {
            long instances = ((Number) row.get("instances")).longValue();
            assertTrue(instances > 0, row.toString());
            assertEquals((double) instances * org.dicomsec.ul.bench.CStoreThroughput.STUDY_INSTANCE_BYTES, bytes, "whole instances: " + row);
            double perSecond = instances / seconds;
            assertEquals(perSecond, ((Number) row.get("instancesPerSecond")).doubleValue(), Math.max(0.01, perSecond * 2e-3),
                    row.toString());
        } else {
            assertFalse(row.containsKey("instances"), row.toString());
        }
    }

    @Test
    void noOpensslLeavesTheColumnOut() {
        CliRun r = CliRun.of("bench", "--seconds", "0.02", "--crypto-only", "--no-openssl");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("no reference column"), r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("crypto ") && l.contains("openssl")), r.out());
    }

    @Test
    void cryptoOnlyAndUsage() {
        CliRun r = CliRun.of("bench", "--seconds", "0.02", "--crypto-only", "-q");
        assertEquals(0, r.status(), r.toString());
        assertEquals(11, r.out().lines().filter(l -> l.startsWith("crypto\t")).count(), r.out());
        assertEquals(0, r.out().lines().filter(l -> l.startsWith("transfer\t")).count(), r.out());
        assertEquals(2, CliRun.of("bench", "--seconds", "x").status());
        assertEquals(2, CliRun.of("bench", "--seconds", "0").status());
        assertEquals(2, CliRun.of("bench", "--crypto-only", "--transfer-only").status());
        assertEquals(2, CliRun.of("bench", "extra").status());
    }
}
