package org.dicomsec.ul.bench;

import java.io.IOException;
import java.net.InetAddress;

import org.dicomsec.ul.transport.PlainTcp;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * Both sides of one transport on loopback, for a throughput row: the acceptor is
 * bound (any free port), the connector calls it. Setting it up is not timed.
 *
 * @param name      the row's name ("raw TCP", "TLS bcp195-nd", "ISCL with privacy")
 * @param connector the sending side
 * @param acceptor  the receiving side, bound on loopback
 */
public record Loopback(String name, TransportConnector connector, TransportAcceptor acceptor) {

    /** Plain TCP on a free loopback port. */
    public static Loopback plain(String name) throws IOException {
        return new Loopback(name, PlainTcp.connector(), PlainTcp.acceptor(InetAddress.getLoopbackAddress(), 0));
    }
}
