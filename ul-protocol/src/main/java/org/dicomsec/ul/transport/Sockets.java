package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/** Small socket helpers shared by the transports. */
public final class Sockets {

    private Sockets() {
    }

    /** Connects a new socket with a timeout (0: none) and TCP_NODELAY set. */
    public static Socket connect(InetSocketAddress remote, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(remote, Math.max(0, timeoutMillis));
            return s;
        } catch (IOException e) {
            abort(s);
            throw new IOException("cannot connect to " + remote.getHostString() + ":" + remote.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Closes at once with an RST (SO_LINGER 0); never throws. */
    public static void abort(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    public static String remote(Socket s) {
        return format(s.getRemoteSocketAddress());
    }

    public static String local(Socket s) {
        return format(s.getLocalSocketAddress());
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getHostString() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
