package org.dicomsec.cli;

import java.net.InetSocketAddress;

/** Parses the HOST:PORT argument of the network commands ([v6-address]:PORT accepted too). */
final class HostPort {
    private HostPort() {
    }

    static InetSocketAddress parse(String s) throws UsageException {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new UsageException("expected HOST:PORT, not '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("port in '" + s + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("port " + port + " is not between 1 and 65535");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new UsageException("unknown host '" + host + "'");
        }
        return a;
    }
}
