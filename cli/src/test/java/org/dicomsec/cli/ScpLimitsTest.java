package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.dicomsec.storage.net.OnlineStorageScp;
import org.dicomsec.ul.net.DicomServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection limits of the scp command reach both of its servers: a peer that connects and
 * sends nothing is dropped after --handshake-timeout, with or without --profile online-storage.
 */
class ScpLimitsTest {

    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** Connects, sends nothing, and returns the milliseconds until the server closes the connection. */
    private static long silentPeerDroppedAfter(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            try {
                assertEquals(-1, in.read(), "closed without a byte (no A-ASSOCIATE-RQ, nothing to answer)");
            } catch (java.net.SocketException reset) {
                // closed with a reset: the server drops a stalled set-up hard
            }
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    @Test
    void handshakeTimeout_folderScp_andOnlineStorageScp() throws Exception {
        DicomServer plain = ScpCommand.start(ScpCommand.OPTIONS.parse("--port", "0", "--handshake-timeout", "1",
                "--dir", dir.resolve("plain").toString(), "-q"), QUIET);
        try {
            long ms = silentPeerDroppedAfter(plain.localPort());
            assertTrue(ms >= 900 && ms < 10_000, "dropped after " + ms + " ms, --handshake-timeout 1");
        } finally {
            plain.close();
        }
        try (OnlineStorageScp scp = OnlineStorageCli.startScp(ScpCommand.OPTIONS.parse("--profile", "online-storage",
                "--port", "0", "--handshake-timeout", "1", "--dir", dir.resolve("store").toString(), "-q"), QUIET)) {
            long ms = silentPeerDroppedAfter(scp.localPort());
            assertTrue(ms >= 900 && ms < 10_000, "dropped after " + ms + " ms, --handshake-timeout 1");
        }
    }
}
