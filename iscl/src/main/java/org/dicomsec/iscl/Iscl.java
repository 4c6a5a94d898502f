package org.dicomsec.iscl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.iscl.engine.HandshakeClock;
import org.dicomsec.iscl.engine.HandshakeResult;
import org.dicomsec.iscl.engine.InitiatorHandshake;
import org.dicomsec.iscl.engine.ResponderHandshake;
import org.dicomsec.ul.transport.SocketAcceptor;
import org.dicomsec.ul.transport.Sockets;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * The ISCL Secure Transport Connection Profile (PS3.15 B.2) as connector and
 * acceptor of the transport SPI. Wire format: docs/iscl-wire-format.md.
 */
public final class Iscl {

    /** PS3.15 B.2 note: the registered port "2761 dicom-iscl". */
    public static final int DEFAULT_PORT = 2761;
    /** The version of docs/iscl-wire-format.md spoken (1.0 peers are refused: its section 5.8). */
    public static final String WIRE_VERSION = "1.1";

    private static final System.Logger LOG = LibraryLog.logger(Iscl.class);

    private Iscl() {
    }

    /**
     * The initiator side: connects, runs the handshake as {@code config.localEntity()}
     * towards {@code remoteEntity}, and refuses with an {@link IsclException} a peer
     * that fails authentication.
     */
    public static TransportConnector connector(IsclConfig config, String remoteEntity) {
        EntityNames.require(remoteEntity, "remote entity");
        return (remote, timeoutMillis) -> {
            if (!config.keyCard().hasKey(config.localEntity(), remoteEntity)) {
                // refused before any byte is sent
                throw new IsclException(IsclError.UNKNOWN_ENTITY, "no key for local entity "
                        + config.localEntity() + " and remote entity " + remoteEntity);
            }
            long start = System.nanoTime();
            Socket s = Sockets.connect(remote, timeoutMillis);
            return handshake(s, config, timeoutMillis, start, true, remoteEntity);
        };
    }

    /**
     * The responder side, serving {@code config.localEntity()}: binds a listener on
     * {@code bindAddress:port} (null: all interfaces; port 0: any free port).
     */
    public static TransportAcceptor acceptor(IsclConfig config, InetAddress bindAddress, int port)
            throws IOException {
        return SocketAcceptor.bind(bindAddress, port,
                (s, timeoutMillis) -> handshake(s, config, timeoutMillis, System.nanoTime(), false, null));
    }

    private static IsclConnection handshake(Socket s, IsclConfig config, int timeoutMillis, long startNanos,
                                            boolean initiator, String remoteEntity) throws IOException {
        String remote = Sockets.remote(s);
        try {
            s.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            OutputStream out = s.getOutputStream();
            HandshakeClock clock = clock(s, config, timeoutMillis, startNanos);
            HandshakeResult hs = initiator
                    ? InitiatorHandshake.run(config, remoteEntity, in, out, clock)
                    : ResponderHandshake.run(config, in, out, clock);
            s.setSoTimeout(0);
            IsclConnection c = new IsclConnection(s, in, hs, !initiator && config.callingAeTitleCheck());
            LOG.log(Level.INFO, "ISCL connection with {0} at {1}: {2}, packet size {3}", hs.peerEntity(), remote,
                    c.security(), Integer.toString(hs.packetSize()));
            return c;
        } catch (IOException | RuntimeException e) {
            // the responder's failure is logged once, by the server that accepted the connection
            LOG.log(initiator ? Level.WARNING : Level.DEBUG, "ISCL handshake with {0} failed: {1}", remote,
                    e.getMessage());
            // a plain close (FIN, not RST) so that a LINE-CONNECT-RJ or ERROR just sent still arrives
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            throw e;
        }
    }

    /** Section 9: each read gets min(per-message timeout, time left of the whole handshake). */
    private static HandshakeClock clock(Socket s, IsclConfig config, int timeoutMillis, long startNanos) {
        return () -> {
            int t = config.messageTimeoutMillis();
            if (timeoutMillis > 0) {
                long left = timeoutMillis - (System.nanoTime() - startNanos) / 1_000_000;
                if (left <= 0) {
                    throw new IsclException(IsclError.TIMEOUT, "handshake not complete within " + timeoutMillis
                            + " ms");
                }
                t = (int) Math.min(t, left);
            }
            s.setSoTimeout(t);
        };
    }
}
