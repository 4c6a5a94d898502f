package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The initiator side of a transport profile. */
public interface TransportConnector {

    /**
     * Opens a transport connection to {@code remote} and completes its security
     * handshake. A peer that fails authentication is refused with an
     * IOException before any DICOM byte passes.
     *
     * @param connectTimeoutMillis timeout for the TCP connect and for the
     *                             handshake together; 0 means none
     */
    TransportConnection connect(InetSocketAddress remote, int connectTimeoutMillis) throws IOException;
}
