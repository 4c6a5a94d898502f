package org.dicomsec.ul.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An established transport connection, after any security handshake: two byte
 * streams, the peer's authenticated identity, and the profile in use.
 *
 * <p>An integrity failure detected by a secure transport surfaces from
 * {@link #input()} reads as {@link TransportIntegrityException}; the Upper Layer
 * turns it into an A-P-ABORT indication (PS3.15 B.1, B.2).
 */
public interface TransportConnection extends Closeable {

    /** The stream the Upper Layer reads PDUs from. */
    InputStream input() throws IOException;

    /**
     * The stream the Upper Layer writes PDUs to. Writes may be buffered by the
     * transport; {@code flush()} pushes them out as records.
     */
    OutputStream output() throws IOException;

    /** The authenticated identity of the peer ({@link PeerIdentity#NONE} on plain TCP). */
    PeerIdentity peer();

    /** What protects this connection; for logs, audit records and the profile rules of PS3.15 Annex A. */
    SecurityDescription security();

    /**
     * Largest plaintext payload of one transport record, or 0 for a plain
     * stream. The Upper Layer may size PDUs from it (PS3.15 B.1 note: PDU size
     * and record size interact).
     */
    int recordPayloadSize();

    /** Read timeout in milliseconds for {@link #input()}; 0 means none. */
    void setReadTimeout(int millis) throws IOException;

    /** Remote address as "host:port", for logs. */
    String remoteAddress();

    /** Local address as "host:port", for logs. */
    String localAddress();

    /**
     * Drops the connection at once, without any closing handshake (used for
     * A-ABORT and A-P-ABORT). Never throws.
     */
    void abort();

    /** Closes gracefully (TLS close_notify, ISCL disconnection), then the socket. */
    @Override
    void close() throws IOException;
}
