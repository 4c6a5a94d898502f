package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a command line can go wrong ends in one line on stderr naming
 * the file (or option) and the problem, exit status 2, and no stack trace
 * unless --verbose; help is on stdout with status 0.
 */
class ErrorsTest {

    @TempDir
    Path dir;

    private static void assertOneLine(CliRun run, int status, String expected) {
        assertEquals(status, run.status(), run::toString);
        assertEquals(List.of(expected), run.errLines(), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nonesuch.dcm");
        assertOneLine(CliRun.of("dump", p.toString()), 2, "dicomsec dump: " + p + ": no such file");
        assertOneLine(CliRun.of("copy", p.toString(), dir.resolve("o.dcm").toString()), 2,
                "dicomsec copy: " + p + ": no such file");
    }

    @Test
    void directoryAndEmptyFile() throws Exception {
        assertOneLine(CliRun.of("dump", dir.toString()), 2, "dicomsec dump: " + dir + ": is a directory, not a DICOM file");
        Path empty = Files.createFile(dir.resolve("empty.dcm"));
        assertOneLine(CliRun.of("dump", empty.toString()), 2, "dicomsec dump: " + empty + ": not a DICOM file (it is empty)");
    }

    @Test
    void nonDicomFile() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "These are not DICOM data.\nJust some text of a few lines,\n".repeat(10),
                StandardCharsets.US_ASCII);
        for (String cmd : new String[] {"dump", "copy"}) {
            String[] args = cmd.equals("dump") ? new String[] {"dump", text.toString()}
                    : new String[] {"copy", text.toString(), dir.resolve("o.dcm").toString()};
            assertOneLine(CliRun.of(args), 2, "dicomsec " + cmd + ": " + text
                    + ": not a DICOM file (no \"DICM\" at offset 128 or 0, and no data set element at offset 0)");
        }
        assertFalse(Files.exists(dir.resolve("o.dcm")));
    }

    @Test
    void truncatedFileNamesOffsetAndTag() throws Exception {
        Path sample = TestFiles.sample(dir);
        byte[] b = Files.readAllBytes(sample);
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(b, b.length - 50)); // inside Pixel Data
        for (String[] args : new String[][] {{"dump", cut.toString()}, {"dump", "--json", cut.toString()},
            {"copy", cut.toString(), dir.resolve("o.dcm").toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.status(), run::toString);
            assertEquals(1, run.errLines().size(), run::toString);
            String line = run.errLines().get(0);
            assertTrue(line.startsWith("dicomsec " + args[0] + ": " + cut + ": bad DICOM data: "), line);
            assertTrue(line.contains("[tag (7FE0,0010)]") && line.matches(".*\\[offset \\d+\\].*"), line);
            assertFalse(run.err().contains("\tat "), "no stack trace without --verbose");
            if (args.length == 2) {
                // the listing goes as far as the file could be read, as dcmdump's does; no half JSON
                assertTrue(run.out().contains("(0028,0010) US 8 ") && run.out().endsWith(
                        "# (listing ends here: the rest of the file could not be read)\n"), run::toString);
            } else {
                assertEquals("", run.out(), run::toString);
            }
        }
        assertFalse(Files.exists(dir.resolve("o.dcm")), "a failed copy leaves no output");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "and no temporary file");
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Path sample = TestFiles.sample(dir);
        byte[] b = Files.readAllBytes(sample);
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(b, 300));
        CliRun run = CliRun.of("dump", "--verbose", cut.toString());
        assertEquals(2, run.status(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("dicomsec dump: " + cut + ": bad DICOM data: "), run::toString);
        assertTrue(run.err().contains("org.dicomsec.data.DicomCodecException") && run.err().contains("\tat "),
                run::toString);
    }

    @Test
    void badOptions() throws Exception {
        Path sample = TestFiles.sample(dir);
        assertOneLine(CliRun.of("dump", "--frobnicate", sample.toString()), 2,
                "dicomsec dump: unknown option --frobnicate (see dicomsec dump --help)");
        assertOneLine(CliRun.of("dump"), 2, "dicomsec dump: missing FILE (see dicomsec dump --help)");
        assertOneLine(CliRun.of("dump", "--sample", sample.toString()), 2,
                "dicomsec dump: give either FILE or --sample, not both");
        assertOneLine(CliRun.of("copy", sample.toString()), 2, "dicomsec copy: missing OUT (see dicomsec copy --help)");
        assertOneLine(CliRun.of("copy", sample.toString(), "a", "b"), 2,
                "dicomsec copy: unexpected argument 'b' (see dicomsec copy --help)");
        assertOneLine(CliRun.of("copy", "-t", "1.2.3.4", sample.toString(), dir.resolve("o.dcm").toString()), 2,
                "dicomsec copy: unknown transfer syntax '1.2.3.4': give a UID or one of explicit-le, "
                        + "implicit-le, explicit-be, deflated");
        assertOneLine(CliRun.of("copy", sample.toString(), dir.resolve("o.dcm").toString(), "-t"), 2,
                "dicomsec copy: option --transfer-syntax needs a value (UID)");
        assertOneLine(CliRun.of("copy", "--transfer-syntax=zip", sample.toString(), dir.resolve("o.dcm").toString()),
                2, "dicomsec copy: unknown transfer syntax 'zip': give a UID or one of explicit-le, implicit-le, "
                        + "explicit-be, deflated");
        assertOneLine(CliRun.of("copy", sample.toString()), 2, "dicomsec copy: missing OUT (see dicomsec copy --help)");
        Path noDir = dir.resolve("no").resolve("such").resolve("o.dcm");
        assertOneLine(CliRun.of("copy", sample.toString(), noDir.toString()), 2,
                "dicomsec copy: " + noDir + ": no such directory");
        assertOneLine(CliRun.of("frobnicate"), 2, "dicomsec: unknown command 'frobnicate' (see dicomsec --help)");
    }

    @Test
    void helpTexts() {
        for (String cmd : new String[] {"dump", "copy"}) {
            for (String h : new String[] {"--help", "-h"}) {
                CliRun run = CliRun.of(cmd, h);
                assertEquals(0, run.status(), run::toString);
                assertEquals("", run.err());
                assertTrue(run.out().startsWith("usage: dicomsec " + cmd + " [options] "), run::toString);
                assertTrue(run.out().contains("--quiet") && run.out().contains("--verbose"), run::toString);
            }
        }
        String dump = CliRun.of("dump", "--help").out();
        assertTrue(dump.contains("-j, --json") && dump.contains("-L, --full") && dump.contains("--sample"), dump);
        String copy = CliRun.of("copy", "--help").out();
        assertTrue(copy.contains("-t, --transfer-syntax UID") && copy.contains("(also --ts)")
                && copy.contains("explicit-le (1.2.840.10008.1.2.1)") && copy.contains("deflated"), copy);
        CliRun top = CliRun.of("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("  dump ") && top.out().contains("  copy "), top::toString);
    }

    @Test
    void scpKeyPathThatIsADirectoryCreatesNothing() throws Exception {
        Path keyDir = Files.createDirectory(dir.resolve("pki"));
        Path cert = Files.writeString(dir.resolve("server.pem"), "x");
        Path received = dir.resolve("received");
        assertOneLine(CliRun.of("scp", "--port", "0", "--tls", "bcp195-nd", "--key", keyDir.toString(), "--cert",
                cert.toString(), "--trust", cert.toString(), "--dir", received.toString()), 2,
                "dicomsec scp: --key " + keyDir + ": is a directory, not a file");
        assertFalse(Files.exists(received), "a start that fails leaves no --dir behind");
    }

    @Test
    void scpKeyThatCannotBeReadNamesTheFile() throws Exception {
        Path key = Files.writeString(dir.resolve("server.key"), "x");
        Path cert = Files.writeString(dir.resolve("server.pem"), "x");
        java.nio.file.attribute.PosixFileAttributeView v = Files.getFileAttributeView(key,
                java.nio.file.attribute.PosixFileAttributeView.class);
        v.setPermissions(java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(key),
                "running as root: every file is readable, nothing to test");
        assertOneLine(CliRun.of("scp", "--port", "0", "--tls", "bcp195-nd", "--key", key.toString(), "--cert",
                cert.toString(), "--trust", cert.toString(), "--dir", dir.resolve("r").toString()), 2,
                "dicomsec scp: --key " + key + ": cannot read the file: permission denied");
    }

    @Test
    void scpFolderThatCannotBeCreatedIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path under = file.resolve("received");
        CliRun run = CliRun.of("scp", "--port", "0", "--dir", under.toString());
        assertEquals(2, run.status(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("dicomsec scp: " + under + ": cannot create the folder"),
                run::toString);
    }

    @Test
    void scpOnAPortInUseCreatesNoFolder() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Path received = dir.resolve("received");
            CliRun run = CliRun.of("scp", "--port", String.valueOf(taken.getLocalPort()), "--dir", received.toString());
            assertEquals(1, run.status(), run::toString);
            assertEquals(1, run.errLines().size(), run::toString);
            assertTrue(run.errLines().get(0).startsWith("dicomsec scp: cannot listen on port"), run::toString);
            assertFalse(Files.exists(received), "nothing created when start-up fails");
        }
    }
}
