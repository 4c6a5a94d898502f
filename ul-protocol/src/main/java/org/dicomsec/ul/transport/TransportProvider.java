package org.dicomsec.ul.transport;

/**
 * The service a transport module offers to {@link Transports}, found with
 * {@link java.util.ServiceLoader}: on the module path by {@code provides
 * org.dicomsec.ul.transport.TransportProvider with ...} in the module's
 * {@code module-info}, on the class path by
 * {@code META-INF/services/org.dicomsec.ul.transport.TransportProvider}. The
 * Upper Layer so builds a TLS or ISCL transport from a configuration without
 * depending on either module.
 */
public interface TransportProvider {

    /** The kind this provider makes, lower case ("tls", "iscl"). */
    String kind();

    /**
     * A transport for {@code config}, whose kind is {@link #kind()}.
     *
     * @throws IllegalArgumentException when the settings are not this kind's
     */
    Transport create(TransportConfig config);
}
