package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's logging, in a JVM of its own as a user runs it: a command that logs nothing starts
 * no logging at all (no java.util.logging, no LoggerFinder lookup through the jars), and a library
 * warning still reaches java.util.logging's console, naming the library class that logged it.
 */
class LibraryLoggingTest {

    @TempDir
    Path tmp;

    private record Child(int status, String out, String err) {
    }

    private Child java(List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(List.of(args) + " did not end");
        }
        return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private DicomServer scp(Path dir) throws Exception {
        return ScpCommand.start(ScpCommand.OPTIONS.parse(new String[] {"--port", "0", "--dir", dir.toString(), "-q"}),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void aCommandThatLogsNothingStartsNoLogging() throws Exception {
        Path file = TestFiles.sample(tmp);
        Path classes = tmp.resolve("classes.txt");
        try (DicomServer s = scp(tmp.resolve("in"))) {
            Child c = java(List.of("-Xlog:class+load=info:file=" + classes), "store", "-q",
                    "127.0.0.1:" + s.localPort(), file.toString());
            assertEquals(0, c.status(), c.toString());
        }
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains(" org.dicomsec.ul.Association "), "the class log is read: " + loaded.length());
        assertTrue(loaded.contains(" org.dicomsec.data.LibraryLog$Lazy "), "the libraries hold lazy loggers");
        assertFalse(loaded.contains(" java.util.logging.LogManager "), "java.util.logging never started");
        assertFalse(loaded.contains(" jdk.internal.logger.LoggerFinderLoader "), "no LoggerFinder looked for");
    }

    @Test
    void aLibraryWarningReachesTheConsoleWithItsClassAndInfoDoesNot() throws Exception {
        Path file = TestFiles.sample(tmp);
        // a peer that answers the A-ASSOCIATE-RQ with a PDU of an unknown type: the SCU warns and aborts
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = peer.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] head = in.readNBytes(6);
                    long length = ((head[2] & 0xFFL) << 24) | ((head[3] & 0xFF) << 16) | ((head[4] & 0xFF) << 8)
                            | (head[5] & 0xFF);
                    in.skipNBytes(length);
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0x55, 0, 0, 0, 0, 4, 1, 2, 3, 4});
                    out.flush();
                    in.readNBytes(10); // its A-ABORT; then the connection is closed here
                } catch (Exception e) {
                    // the SCU closed first
                }
            }, "garbage-peer");
            t.setDaemon(true);
            t.start();
            Child c = java(List.of(), "store", "-q", "127.0.0.1:" + peer.getLocalPort(), file.toString());
            assertNotEquals(0, c.status(), c.toString());
            assertTrue(c.err().contains("WARNING: ") && c.err().contains("A-ABORT"), c.toString());
            // the record names the library class that logged it, not the lazy logger in between
            assertTrue(c.err().contains(" [org.dicomsec.ul."), c.toString());
            assertFalse(c.err().contains("LibraryLog"), c.toString());
            assertFalse(c.err().contains("INFO: "), c.toString());
        }
    }
}
