package org.dicomsec.ul.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The transport factory: a {@link Transport} from a {@link TransportConfig}.
 * Plain TCP is built in; other kinds come from the {@link TransportProvider}s
 * on the module or class path (the tls-profile module provides {@code "tls"},
 * the iscl module {@code "iscl"}).
 */
public final class Transports {

    /**
     * The Maximum Length announced over plain TCP when none is given: 65,530, as over TLS (a PDU
     * of 64 KiB with its header, one write of the connection's 64 KiB buffer). DCMTK announces
     * 16,384 by default; with 65,530 `storescu` sends a CT study of 0.5 MiB instances to
     * {@code dicomsec scp} 6 % faster, with 6-11 % less CPU on the receiver (docs/benchmarks.md).
     */
    public static final int PLAIN_DEFAULT_MAX_PDU_LENGTH = 65_530;

    private Transports() {
    }

    /**
     * The transport of {@code config}.
     *
     * @throws IllegalArgumentException when no provider makes its kind (the module is not on the
     *                                  path), or its settings are not the kind's
     */
    public static Transport of(TransportConfig config) {
        if (config.kind().equals(TransportConfig.PLAIN)) {
            if (config.settings() != null) {
                throw new IllegalArgumentException("plain TCP takes no settings");
            }
            return PLAIN;
        }
        for (TransportProvider p : providers()) {
            if (p.kind().equals(config.kind())) {
                return p.create(config);
            }
        }
        throw new IllegalArgumentException("no transport '" + config.kind() + "' on the path; known: "
                + String.join(", ", kinds()));
    }

    /** The kinds that {@link #of} can make here, "plain" included, sorted. */
    public static List<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>();
        kinds.add(TransportConfig.PLAIN);
        for (TransportProvider p : providers()) {
            kinds.add(p.kind());
        }
        return List.copyOf(kinds);
    }

    private static List<TransportProvider> providers() {
        List<TransportProvider> list = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).forEach(list::add);
        return list;
    }

    private static final Transport PLAIN = Transport.of(TransportConfig.PLAIN, PlainTcp.DEFAULT_PORT,
            PLAIN_DEFAULT_MAX_PDU_LENGTH, PlainTcp::connector, PlainTcp::acceptor, "plain TCP (no TLS)");
}
