package org.dicomsec.tls;


import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.TransportProvider;

/**
 * The {@code "tls"} kind of {@link org.dicomsec.ul.transport.Transports}: a
 * {@link TransportConfig} whose settings are a {@link TlsConfig} becomes a TLS
 * transport (PS3.15 B.1) on port {@value TlsTransport#DEFAULT_PORT} by default,
 * announcing {@value TlsTransport#RECOMMENDED_MAX_PDU_LENGTH} as its Maximum
 * Length. Registered in this module's {@code module-info} and in
 * {@code META-INF/services}.
 */
public final class TlsTransportProvider implements TransportProvider {

    /** The kind name. */
    public static final String KIND = "tls";

    /** The TLS record framing (RFC 8446 5.1): type(1) version(2) length(2); application_data = 23, for a {@link TamperRelay}. */
    public static final TamperRelay.Framing RECORD_FRAMING = new TamperRelay.Framing(5, 23, 3, 2);

    /** For {@link java.util.ServiceLoader}. */
    public TlsTransportProvider() {
    }

    /** The configuration of a TLS transport with {@code config}. */
    public static TransportConfig config(TlsConfig config) {
        return TransportConfig.of(KIND, config);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Transport create(TransportConfig config) {
        TlsConfig tls = config.settings(TlsConfig.class);
        return Transport.of(KIND, TlsTransport.DEFAULT_PORT, TlsTransport.RECOMMENDED_MAX_PDU_LENGTH,
                () -> TlsTransport.connector(tls), (bindAddress, port) -> {
                    if (tls.keyMaterial() == null) {
                        throw new IllegalStateException("a TLS listener needs its own key and certificate");
                    }
                    return TlsTransport.acceptor(tls, bindAddress, port);
                }, () -> "TLS " + tls.profile().profileName() + ", " + tls);
    }
}
