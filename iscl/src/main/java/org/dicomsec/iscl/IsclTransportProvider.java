package org.dicomsec.iscl;


import org.dicomsec.ul.net.TamperRelay;
import org.dicomsec.ul.transport.Transport;
import org.dicomsec.ul.transport.TransportConfig;
import org.dicomsec.ul.transport.TransportProvider;

/**
 * The {@code "iscl"} kind of {@link org.dicomsec.ul.transport.Transports}: a
 * {@link TransportConfig} whose settings are an {@link IsclEndpoint} becomes the
 * ISCL transport (PS3.15 B.2) on port {@value Iscl#DEFAULT_PORT} by default. An
 * initiator calls the endpoint's {@link IsclEndpoint#calledEntity() called
 * entity}; a listener accepts only its peer entity when one is set. Registered in
 * this module's {@code module-info} and in {@code META-INF/services}.
 */
public final class IsclTransportProvider implements TransportProvider {

    /** The kind name. */
    public static final String KIND = "iscl";

    /** The Maximum Length announced when none is given: 16,384, as over plain TCP. */
    public static final int DEFAULT_MAX_PDU_LENGTH = 16_384;

    /** The ISCL record framing (docs/iscl-wire-format.md 8.1): type(1) flags(1) length(4); DATA = 0x20, for a {@link TamperRelay}. */
    public static final TamperRelay.Framing RECORD_FRAMING = new TamperRelay.Framing(6, 0x20, 2, 4);

    /** For {@link java.util.ServiceLoader}. */
    public IsclTransportProvider() {
    }

    /** The configuration of an ISCL transport for {@code endpoint}. */
    public static TransportConfig config(IsclEndpoint endpoint) {
        return TransportConfig.of(KIND, endpoint);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Transport create(TransportConfig config) {
        IsclEndpoint endpoint = config.settings(IsclEndpoint.class);
        return Transport.of(KIND, Iscl.DEFAULT_PORT, DEFAULT_MAX_PDU_LENGTH, endpoint::connector,
                endpoint::acceptor, endpoint.describe());
    }
}
