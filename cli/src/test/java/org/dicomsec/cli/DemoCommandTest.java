package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsec demo} run in process, as a newcomer would run it: every step's
 * line with the statuses PS3.15 A.1.1 calls for, the JSON form, the kept
 * folder, nothing left running; and, through the package-private hook that
 * keeps the relay from altering anything, proof that the demo checks what it
 * prints (step 6 then fails and the exit status is 1).
 */
class DemoCommandTest {

    /** "[ok]   3 transfer  ARCHIVE=AO MODALITY=AC   rest". */
    private static final Pattern STEP = Pattern.compile(
            "^\\[(ok|FAIL)\\]\\s+(\\d) (\\w+)\\s+((?:[A-Z0-9]+=[A-Z-]+ ?)+)\\s+(.*)$");
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    private record Line(boolean ok, int number, String name, Map<String, String> statuses, String rest) {
    }

    private static List<Line> steps(String out) {
        return out.lines().map(STEP::matcher).filter(Matcher::matches).map(m -> {
            Map<String, String> st = new LinkedHashMap<>();
            for (String kv : m.group(4).trim().split(" ")) {
                String[] p = kv.split("=");
                st.put(p[0], p[1]);
            }
            return new Line(m.group(1).equals("ok"), Integer.parseInt(m.group(2)), m.group(3), st, m.group(5));
        }).toList();
    }

    private static Set<Thread> demoThreads() {
        Set<Thread> s = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("dicomsec-")) {
                s.add(t);
            }
        }
        return s;
    }

    @Test
    void demo_everyStepBehavesAsTheProfileSays_andNothingIsLeftRunning() throws Exception {
        Set<Thread> before = demoThreads();
        CliRun r = CliRun.of("demo");
        assertEquals(0, r.status(), r.toString());
        assertEquals("", r.err(), "quiet by default: the tamper step's intended warnings are not printed");

        List<Line> steps = steps(r.out());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), steps.stream().map(Line::number).toList(), r.out());
        assertTrue(steps.stream().allMatch(Line::ok), r.out());
        assertEquals(Map.of("MODALITY", "OR"), steps.get(0).statuses(), "rule a");
        assertEquals(Map.of("MODALITY", "AO"), steps.get(1).statuses(), "rule b");
        assertEquals(Map.of("ARCHIVE", "AO", "MODALITY", "AC"), steps.get(2).statuses(), "rule d, d.5.c");
        assertEquals(Map.of("WORKSTATION", "AC", "MODALITY", "AC"), steps.get(3).statuses(), "rule e");
        assertEquals(Map.of("VIEWER", "NS", "MODALITY", "AC"), steps.get(4).statuses(), "rule f");
        assertEquals(Map.of("WORKSTATION", "AC", "MODALITY", "AC"), steps.get(5).statuses(), "e.4: copy unchanged");
        assertEquals(Map.of("ARCHIVE", "AO", "MODALITY2", "OR"), steps.get(6).statuses(), "rule c");

        String transfer = steps.get(2).rest();
        assertTrue(transfer.contains("tls bcp195-nd TLSv1.") && transfer.contains("CN=localhost")
                && transfer.contains("CN=dicomsec client") && transfer.contains("max PDU 65530")
                && transfer.contains("MB/s") && transfer.contains("committed"), transfer);
        String copy = steps.get(3).rest();
        assertTrue(copy.contains("ISCL") && copy.contains("entity WORKSTATION") && copy.contains("entity MODALITY"),
                copy);
        assertTrue(steps.get(4).rest().startsWith("plain TCP, both unauthenticated"), steps.get(4).rest());
        String tamper = steps.get(5).rest();
        assertTrue(tamper.contains("MODALITY A-P-ABORT 0x80") && tamper.contains("WORKSTATION A-P-ABORT 0x80"),
                tamper);
        assertTrue(steps.get(6).rest().contains("refused"), steps.get(6).rest());
        assertTrue(r.out().contains("all 7 steps behaved as PS3.15 A.1 says"), r.out());

        // no thread and no port left behind
        for (Thread t : demoThreads()) {
            if (t.getName().startsWith("dicomsec-force-")) {
                // the JVM-wide threads that force a stored file, its index record and its audit line at
                // once (secure-storage ParallelForces): daemons, each ends after 30 s without work
                assertTrue(t.isDaemon(), t.getName());
                continue;
            }
            if (!before.contains(t)) {
                t.join(5_000);
                assertFalse(t.isAlive(), "thread left running: " + t.getName());
            }
        }
        String scp = r.outLines().stream().filter(l -> l.startsWith("  SCP")).findFirst().orElseThrow();
        Matcher m = PORT.matcher(scp);
        int ports = 0;
        while (m.find()) {
            try (ServerSocket s = new ServerSocket(Integer.parseInt(m.group(1)), 1, InetAddress.getLoopbackAddress())) {
                ports++;
            }
        }
        assertEquals(3, ports, scp);
    }

    /** Binds the port on loopback if it is free (null when something else has it already). */
    private static ServerSocket holdIfFree(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return null;
        }
    }

    @Test
    void demo_json_keep_registeredPortsTaken_folderHoldsPkiKeyringsStoresAndAudit(@TempDir Path tmp)
            throws Exception {
        Path keep = tmp.resolve("kept");
        CliRun r;
        boolean heldTls;
        boolean heldIscl;
        // 2762 and 2761 taken (by this test, or already by something else): the demo listens on free ports
        try (ServerSocket tls = holdIfFree(2762); ServerSocket iscl = holdIfFree(2761)) {
            heldTls = tls != null;
            heldIscl = iscl != null;
            r = CliRun.of("demo", "--json", "--keep", keep.toString());
        }
        assertEquals(0, r.status(), r.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(r.out());
        String listeners = j.get("listeners").toString();
        assertTrue(listeners.contains("ARCHIVE tls bcp195-nd 127.0.0.1:"), listeners);
        assertFalse(heldTls && listeners.contains(":2762,"), listeners);
        assertFalse(heldIscl && listeners.contains(":2761,"), listeners);
        assertEquals(Boolean.TRUE, j.get("ok"));
        assertEquals(keep.toAbsolutePath().normalize().toString(), j.get("folder"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) j.get("steps");
        assertEquals(7, steps.size());
        for (Map<String, Object> s : steps) {
            assertEquals(Boolean.TRUE, s.get("ok"), s.toString());
            assertEquals(List.of(), s.get("problems"));
        }
        assertEquals(Map.of("ARCHIVE", "AO", "MODALITY", "AC"), steps.get(2).get("statuses"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tls = (Map<String, Object>) steps.get(2).get("connection");
        assertNotNull(tls);
        assertTrue(((String) tls.get("security")).startsWith("tls bcp195-nd"), tls.toString());
        assertEquals(new BigDecimal(65530), tls.get("receiverMaxPdu"));
        assertTrue(((BigDecimal) tls.get("bytes")).longValue() > 2L * DemoSteps.IMAGE_SIZE * DemoSteps.IMAGE_SIZE, tls.toString());
        assertEquals(Map.of("VIEWER", "NS", "MODALITY", "AC"), steps.get(4).get("statuses"));

        assertTrue(Files.isRegularFile(keep.resolve("pki/ca.pem")));
        assertTrue(Files.isRegularFile(keep.resolve("iscl/modality.keyring")));
        assertTrue(Files.isRegularFile(keep.resolve("iscl/workstation.keyring")));
        assertTrue(Files.isRegularFile(keep.resolve("README.txt")));
        assertTrue(Files.isRegularFile(keep.resolve("demo.log")));
        try (Stream<Path> idx = Files.list(keep.resolve("archive/store/index"))) {
            assertEquals(1, idx.count(), "ARCHIVE holds the one original");
        }
        String audit = Files.readString(keep.resolve("workstation/audit.log"), StandardCharsets.UTF_8);
        assertTrue(audit.contains("DS-001"), "WORKSTATION audited the integrity failure");
        String log = Files.readString(keep.resolve("demo.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("A-P-ABORT"), "the intended warnings go to demo.log: " + log);
    }

    @Test
    void demo_withTheRelayAlteringNothing_reportsStep6Failed() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            status = new DemoCommand(false).run(new String[] {"--json"}, out, err);
        }
        assertEquals(1, status, e.toString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(o.toString(StandardCharsets.UTF_8));
        assertEquals(Boolean.FALSE, j.get("ok"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) j.get("steps");
        for (Map<String, Object> s : steps) {
            boolean six = s.get("step").equals(new BigDecimal(6));
            assertEquals(!six, s.get("ok"), s.toString());
        }
        String problems = steps.get(5).get("problems").toString();
        assertTrue(problems.contains("instead of ending in A-P-ABORT") && problems.contains("altered no record"),
                problems);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("step 6 (tamper) failed"),
                e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keepIntoANonEmptyFolder_isAUsageError(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("something"), "x");
        CliRun r = CliRun.of("demo", "--keep", tmp.toString());
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("not empty"), r.err());
        assertEquals("x", Files.readString(tmp.resolve("something")));
    }

    @Test
    void help() {
        CliRun r = CliRun.of("demo", "--help");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: dicomsec demo [options]") && r.out().contains("--keep DIR")
                && r.out().contains("--json") && r.out().contains("--verbose"), r.out());
        assertTrue(CliRun.of("--help").out().contains("  demo "));
    }
}
