package org.dicomsec.ul.transport;

import java.util.Locale;
import java.util.Objects;

/**
 * Which transport to use, as data: a kind ({@code "plain"}, {@code "tls"},
 * {@code "iscl"}, or any other a {@link TransportProvider} on the class or
 * module path declares) and the settings object of that kind's module (none
 * for plain TCP, a {@code TlsConfig} for TLS, an {@code IsclEndpoint} for
 * ISCL). {@link Transports#of(TransportConfig)} turns it into a {@link Transport}
 * with its connector, acceptor, default port and default maximum PDU length.
 *
 * <pre>{@code
 * Transport t = Transports.of(TransportConfig.of("tls", tlsConfig));
 * Association a = Association.request(t.connector(), new InetSocketAddress(host, t.defaultPort()), rq);
 * }</pre>
 *
 * The Upper Layer knows none of the secure transports: the settings are
 * checked by the provider of the kind, not here.
 *
 * @param kind     the transport's kind, lower case
 * @param settings the kind's own settings, or null when it has none (plain TCP)
 */
public record TransportConfig(String kind, Object settings) {

    /** The kind of plain TCP, built into the Upper Layer. */
    public static final String PLAIN = "plain";

    public TransportConfig {
        Objects.requireNonNull(kind, "kind");
        kind = kind.toLowerCase(Locale.ROOT);
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a transport kind must not be blank");
        }
    }

    /** Plain TCP (no settings). */
    public static TransportConfig plain() {
        return new TransportConfig(PLAIN, null);
    }

    /** A transport of {@code kind} with its settings ({@code TlsConfig}, {@code IsclEndpoint} ...). */
    public static TransportConfig of(String kind, Object settings) {
        return new TransportConfig(kind, Objects.requireNonNull(settings, "settings"));
    }

    /** The settings as {@code type}, for a provider. */
    public <T> T settings(Class<T> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalArgumentException("transport '" + kind + "' needs settings of type " + type.getName()
                    + ", not " + (settings == null ? "none" : settings.getClass().getName()));
        }
        return type.cast(settings);
    }
}
