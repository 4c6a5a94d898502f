package org.dicomsec.tls;

import java.util.Map;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/** Names of TLS constants as the RFCs and the JDK spell them, for logs and security descriptions. */
final class TlsNames {

    private static final Map<Integer, String> SUITES = Map.ofEntries(
            Map.entry(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(CipherSuite.TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256"),
            Map.entry(CipherSuite.TLS_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384"),
            Map.entry(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256"),
            Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));

    private TlsNames() {
    }

    /** "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", or "0xC02F" for a suite not listed here. */
    static String cipherSuite(int suite) {
        String n = SUITES.get(suite);
        return n != null ? n : String.format("0x%04X", suite);
    }

    /** "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" as the JDK names them. */
    static String protocol(ProtocolVersion v) {
        if (v == null) {
            return "none";
        }
        if (v.equals(ProtocolVersion.TLSv10)) {
            return "TLSv1";
        }
        if (v.equals(ProtocolVersion.TLSv11)) {
            return "TLSv1.1";
        }
        if (v.equals(ProtocolVersion.TLSv12)) {
            return "TLSv1.2";
        }
        if (v.equals(ProtocolVersion.TLSv13)) {
            return "TLSv1.3";
        }
        return v.getName();
    }

    /** "bad_record_mac(20)". */
    static String alert(short description) {
        return AlertDescription.getText(description);
    }
}
