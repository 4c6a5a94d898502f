package org.dicomsec.ul.transport;

import java.io.IOException;
import java.net.InetAddress;

/**
 * One configured transport, made by {@link Transports#of(TransportConfig)}: both
 * of its sides and the defaults that go with it.
 */
public interface Transport {

    /** The kind, as in {@link TransportConfig#kind()}. */
    String kind();

    /** The port a listener binds and an initiator calls when none is given (11112 plain, 2762 TLS, 2761 ISCL). */
    int defaultPort();

    /**
     * The Maximum Length (PS3.8 D.1) to announce when the application gives none: 16,384 for plain
     * TCP and ISCL; over TLS a length that fills whole TLS records (docs/benchmarks.md, "TLS").
     */
    int defaultMaxPduLength();

    /** The initiator side. */
    TransportConnector connector();

    /**
     * The listener side, bound to {@code bindAddress} (null: all interfaces) on {@code port}
     * (0: any free port).
     *
     * @throws IllegalStateException when the settings cannot serve as a listener (TLS without an
     *                               own key and certificate)
     */
    TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException;

    /** One line for logs: the transport and its security settings, never a secret. */
    String describe();

    /** How a {@link Transport} made by {@link #of} opens its listener. */
    @FunctionalInterface
    interface AcceptorFactory {
        TransportAcceptor open(InetAddress bindAddress, int port) throws IOException;
    }

    /**
     * A transport of these parts (for providers): {@code connector} is asked at each
     * {@link #connector()} call, {@code acceptors} at each {@link #acceptor} call; its
     * {@code toString()} is {@code description}.
     */
    static Transport of(String kind, int defaultPort, int defaultMaxPduLength,
                        java.util.function.Supplier<TransportConnector> connector, AcceptorFactory acceptors,
                        String description) {
        java.util.Objects.requireNonNull(description, "description");
        return of(kind, defaultPort, defaultMaxPduLength, connector, acceptors, () -> description);
    }

    /**
     * As {@link #of(String, int, int, java.util.function.Supplier, AcceptorFactory, String)}, with
     * the description made when first asked for (a certificate's subject name formatted costs a
     * fresh command's time when nothing logs it).
     */
    static Transport of(String kind, int defaultPort, int defaultMaxPduLength,
                        java.util.function.Supplier<TransportConnector> connector, AcceptorFactory acceptors,
                        java.util.function.Supplier<String> description) {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(connector, "connector");
        java.util.Objects.requireNonNull(acceptors, "acceptors");
        java.util.Objects.requireNonNull(description, "description");
        return new Transport() {
            private String described;

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public int defaultPort() {
                return defaultPort;
            }

            @Override
            public int defaultMaxPduLength() {
                return defaultMaxPduLength;
            }

            @Override
            public TransportConnector connector() {
                return connector.get();
            }

            @Override
            public TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException {
                return acceptors.open(bindAddress, port);
            }

            @Override
            public synchronized String describe() {
                if (described == null) {
                    described = java.util.Objects.requireNonNull(description.get(), "description");
                }
                return described;
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }
}
