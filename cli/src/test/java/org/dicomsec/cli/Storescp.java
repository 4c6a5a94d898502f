package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** DCMTK's storescp for the interop tests: on a free loopback port, returned once it listens. */
final class Storescp {

    private Storescp() {
    }

    static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    /** A running storescp: its port and output folder; closing stops it. */
    record Running(int port, Path out, Process process) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** {@link #start} on a free port, writing into {@code out} (made if missing). */
    static Running run(String storescp, Path out, Path logs, List<String> options) throws Exception {
        int port = freePort();
        Files.createDirectories(out);
        return new Running(port, out, start(storescp, out, logs, port, options));
    }

    /**
     * Runs {@code storescp -aet STORESCP -od OUT OPTIONS PORT} ({@code storescp}: the executable),
     * its output in {@code logs/storescp-PORT.log}; fails the test when it does not listen within
     * 10 s or ends first.
     */
    static Process start(String storescp, Path out, Path logs, int port, List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(storescp, "-aet", "STORESCP", "-od", out.toString()));
        cmd.addAll(options);
        cmd.add(String.valueOf(port));
        Path log = logs.resolve("storescp-" + port + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return p;
            } catch (IOException e) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    p.destroy();
                    fail("storescp " + options + " did not listen: " + Files.readString(log));
                }
                Thread.onSpinWait();
            }
        }
    }
}
