package org.dicomsec.ul.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The listener side of a transport profile: a bound server socket. Accepting
 * is split in two so that one thread may accept while the security handshake
 * runs in the worker that serves the connection.
 */
public interface TransportAcceptor extends Closeable {

    /** Blocks until a TCP connection arrives; no handshake is done yet. */
    PendingConnection accept() throws IOException;

    /** The local port this acceptor listens on. */
    int localPort();

    /** Stops listening; a thread blocked in {@link #accept()} gets an IOException. */
    @Override
    void close() throws IOException;
}
