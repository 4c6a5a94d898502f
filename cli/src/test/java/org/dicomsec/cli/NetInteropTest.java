package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dicomsec.data.UID;
import org.dicomsec.ul.DicomFiles;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicomsec echo / store / scp against DCMTK's echoscu, storescu and storescp (+B bit-preserving). */
@Tag("interop")
class NetInteropTest {
    @TempDir
    Path tmp;

    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String msg = "DCMTK '" + name + "' not on PATH: interop test skipped";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg + " (CI=true requires DCMTK)");
        }
        System.err.println("SKIPPED: " + msg);
        Assumptions.abort(msg);
        return null;
    }

    record Run(int status, String output) {
    }

    static Run run(String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, tool(cmd[0]));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd[0] + " did not end");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    DicomServer scp(Path dir) throws Exception {
        return ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--dir", dir.toString(), "--aet", "ARCH", "-q"),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void echoscuAndStorescuAgainstDicomsecScp() throws Exception {
        Path out = tmp.resolve("received");
        Map<String, String> options = Map.of("-xe", UID.ExplicitVRLittleEndian, "-xi", UID.ImplicitVRLittleEndian,
                "-xb", UID.ExplicitVRBigEndian);
        try (DicomServer s = scp(out)) {
            String port = String.valueOf(s.localPort());
            Run echo = run("echoscu", "-aec", "ARCH", "127.0.0.1", port);
            assertEquals(0, echo.status(), echo.output());
            int n = 0;
            for (var e : options.entrySet()) {
                Path f = NetFiles.write(tmp.resolve("src"), "1.2.826.0.1.3680043.2.1125.4." + (++n), e.getValue(), 40_000);
                Run r = run("storescu", e.getKey(), "-aec", "ARCH", "127.0.0.1", port, f.toString());
                assertEquals(0, r.status(), r.output());
                Path stored = out.resolve(DicomFiles.inspect(f).sopInstanceUid() + ".dcm");
                assertEquals(e.getValue(), DicomFiles.inspect(stored).transferSyntaxUid(), e.getKey());
                assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored), e.getKey());
                Run dump = run("dcmdump", stored.toString());
                assertEquals(0, dump.status(), dump.output());
            }
            Run rejected = run("echoscu", "-aec", "WRONG", "127.0.0.1", port);
            assertNotEquals(0, rejected.status());
            assertTrue(rejected.output().contains("Called AE Title Not Recognized"), rejected.output());
        }
    }

    @Test
    void dicomsecEchoAndStoreAgainstStorescp() throws Exception {
        try (Storescp.Running scp = storescp()) {
            int port = scp.port();
            Path out = scp.out();
            CliRun echo = CliRun.of("echo", "--aec", "STORESCP", "127.0.0.1:" + port);
            assertEquals(0, echo.status(), echo.toString());
            assertTrue(echo.out().contains("OFFIS_DCMTK"), echo.toString());
            Path src = tmp.resolve("src");
            Path a = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.3.1", UID.ExplicitVRLittleEndian, 300_000);
            Path b = NetFiles.write(src.resolve("x"), "1.2.826.0.1.3680043.2.1125.3.2", UID.ImplicitVRLittleEndian, 2000);
            CliRun store = CliRun.of("store", "--aec", "STORESCP", "--max-pdu", "32768", "127.0.0.1:" + port,
                    src.toString());
            assertEquals(0, store.status(), store.toString());
            assertTrue(store.out().contains("stored 2 of 2 files"), store.toString());
            for (Path f : List.of(a, b)) {
                String uid = DicomFiles.inspect(f).sopInstanceUid();
                Path stored;
                try (var s = Files.list(out)) {
                    stored = s.filter(x -> x.getFileName().toString().contains(uid)).findFirst().orElseThrow();
                }
                assertArrayEquals(NetFiles.dataSet(f), NetFiles.dataSet(stored), f.toString());
            }
        }
    }

    /** storescp +B with {@code extra} options on a free port, up and listening, writing into tmp/storescp. */
    private Storescp.Running storescp(String... extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("+B"));
        options.addAll(List.of(extra));
        return Storescp.run(tool("storescp"), tmp.resolve("storescp"), tmp, options);
    }

    @Test
    void aFileCutToAnOddLengthIsNotSent_theRestOfTheStudyIsStored() throws Exception {
        // storescp aborts the association on a P-DATA fragment of odd length ("Odd Fragment Length"),
        // which would lose every file after the damaged one
        try (Storescp.Running scp = storescp()) {
            int port = scp.port();
            Path out = scp.out();
            Path src = tmp.resolve("src");
            Path a = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.4.1", UID.ExplicitVRLittleEndian, 4000);
            Path cut = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.4.2", UID.ExplicitVRLittleEndian, 4000);
            Path c = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.4.3", UID.ExplicitVRLittleEndian, 4000);
            byte[] whole = Files.readAllBytes(cut);
            Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 1));
            CliRun store = CliRun.of("store", "--aec", "STORESCP", "127.0.0.1:" + port, src.toString());
            assertEquals(1, store.status(), store.toString());
            assertTrue(store.out().startsWith("stored 2 of 3 files"), store.toString());
            assertTrue(store.err().contains("failed " + cut + ": its data set is "), store.toString());
            assertTrue(store.err().contains("bytes long, an odd length"), store.toString());
            for (Path f : List.of(a, c)) {
                String uid = DicomFiles.inspect(f).sopInstanceUid();
                try (var s = Files.list(out)) {
                    assertTrue(s.anyMatch(x -> x.getFileName().toString().contains(uid)), uid + " stored");
                }
            }
        }
    }

    @Test
    void anAbortNamesTheFileLeftWithoutAResponse_andTheSummaryFollows() throws Exception {
        // storescp aborts the association after each C-STORE request, before its response
        try (Storescp.Running scp = storescp("--abort-after")) {
            int port = scp.port();
            Path src = tmp.resolve("src");
            Path first = NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.5.1", UID.ExplicitVRLittleEndian, 4000);
            NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.5.2", UID.ExplicitVRLittleEndian, 4000);
            NetFiles.write(src, "1.2.826.0.1.3680043.2.1125.5.3", UID.ExplicitVRLittleEndian, 4000);
            CliRun store = CliRun.of("store", "--aec", "STORESCP", "127.0.0.1:" + port, src.toString());
            assertEquals(1, store.status(), store.toString());
            assertTrue(store.err().contains("failed " + first + ": no response, the association ended"), store.toString());
            assertTrue(store.out().startsWith("stored 0 of 3 files"), store.toString());
            assertTrue(store.out().contains("; 1 failed, 2 not sent, 0 skipped"), store.toString());
            assertTrue(store.err().contains("dicomsec store: 127.0.0.1:" + port + ": A_ABORT"), store.toString());
        }
    }
}
