package org.dicomsec.storage.net;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.dicomsec.ul.pdu.AeTitle;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * Where another AE is reached: its title, its address and the transport to use
 * (plain TCP, a TLS profile, ISCL towards a named entity). The Storage
 * Commitment SCP uses it to open a new association for an N-EVENT-REPORT
 * (PS3.4 J.3.3) when the one that carried the N-ACTION is gone; the SCU to send.
 *
 * @param aeTitle   the peer's AE title (called AE title of the association)
 * @param address   host and port
 * @param connector the transport profile of the connection
 */
public record RemoteAe(String aeTitle, InetSocketAddress address, TransportConnector connector) {

    public RemoteAe {
        aeTitle = AeTitle.validate(aeTitle);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(connector, "connector");
    }

    @Override
    public String toString() {
        return aeTitle + "@" + address.getHostString() + ":" + address.getPort();
    }
}
