package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The preferred port when free, any free port when it is taken, other failures as they are. */
class PreferredPortTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @Test
    void takenPort_listensOnAnotherThatAcceptsConnections() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, LO)) {
            int taken = holder.getLocalPort();
            TransportAcceptor a = PreferredPort.bind(LO, taken, PlainTcp::acceptor);
            try {
                assertNotEquals(taken, a.localPort());
                assertTrue(a.localPort() > 0);
                try (Socket s = new Socket(LO, a.localPort())) {
                    assertTrue(s.isConnected());
                }
            } finally {
                a.close();
            }
        }
    }

    @Test
    void freePort_isThePortBound() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, LO)) {
            free = probe.getLocalPort();
        }
        TransportAcceptor a = PreferredPort.bind(LO, free, PlainTcp::acceptor);
        try {
            assertEquals(free, a.localPort());
        } finally {
            a.close();
        }
    }

    @Test
    void otherFailures_andBadPorts_areNotRetried() {
        IOException broken = new IOException("key store unreadable");
        int[] calls = new int[1];
        IOException e = assertThrows(IOException.class, () -> PreferredPort.bind(LO, 2762, (addr, port) -> {
            calls[0]++;
            throw broken;
        }));
        assertSame(broken, e);
        assertEquals(1, calls[0]);
        assertThrows(IllegalArgumentException.class, () -> PreferredPort.bind(LO, 0, PlainTcp::acceptor));
    }
}
