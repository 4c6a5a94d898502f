package org.dicomsec.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.TlsUtils;
import org.junit.jupiter.api.Test;

/** The profiles' versions and suites against PS3.15 B.1 (2000) and the later AES and BCP 195 profiles. */
class TlsProfileTest {

    @Test
    void namesAndDefault() {
        assertEquals(List.of("basic", "aes", "bcp195", "bcp195-nd", "bcp195-ex"), TlsProfile.names());
        assertEquals(TlsProfile.BCP195_ND, TlsProfile.DEFAULT);
        assertEquals(TlsProfile.BCP195_ND, TlsProfile.byName(" BCP195_ND "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsProfile.byName("ssl3"));
        assertTrue(e.getMessage().contains("bcp195-nd"));
        assertEquals(TlsProfile.DEFAULT, TlsConfig.builder().peerCertificateRequired(false).build().profile());
    }

    @Test
    void basicProfileHasTheTableB11Mechanisms() {
        // Table B.1-1: RSA certificates, RSA key exchange, SHA, Triple DES EDE CBC; TLS 1.0 framework
        TlsProfile p = TlsProfile.BASIC;
        assertEquals("TLS_RSA_WITH_3DES_EDE_CBC_SHA", p.cipherSuiteNames().get(0));
        assertTrue(p.protocolNames().contains("TLSv1"));
        assertTrue(p.isWeak());
        assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"), TlsProfile.AES.cipherSuiteNames());
    }

    @Test
    void bcp195ProfilesAreTls12AndUpWithForwardSecrecy() throws Exception {
        for (TlsProfile p : List.of(TlsProfile.BCP195_ND, TlsProfile.BCP195_EX)) {
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), p.protocolNames());
            assertFalse(p.isWeak());
            for (int suite : p.cipherSuites()) {
                assertTrue(TlsUtils.isAEADCipherSuite(suite), TlsNames.cipherSuite(suite));
                int kx = TlsUtils.getKeyExchangeAlgorithm(suite);
                assertTrue(kx == KeyExchangeAlgorithm.NULL || kx == KeyExchangeAlgorithm.ECDHE_RSA
                        || kx == KeyExchangeAlgorithm.ECDHE_ECDSA || kx == KeyExchangeAlgorithm.DHE_RSA,
                        TlsNames.cipherSuite(suite));
            }
        }
        // RFC 7525 4.2 recommended suites are all in the non-downgrading profile
        assertTrue(TlsProfile.BCP195_ND.cipherSuiteNames().containsAll(List.of("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")));
        // BCP 195 (downgrading) keeps the AES and Basic suites as a fallback, ND does not
        assertTrue(TlsProfile.BCP195.cipherSuiteNames().contains("TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertFalse(TlsProfile.BCP195_ND.cipherSuiteNames().contains("TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertTrue(TlsProfile.BCP195_EX.cipherSuiteNames().contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
    }

    @Test
    void hostNameMatching() {
        assertTrue(HostNames.dnsMatches("localhost", "LOCALHOST"));
        assertTrue(HostNames.dnsMatches("*.example.org", "pacs.example.org"));
        assertFalse(HostNames.dnsMatches("*.example.org", "a.pacs.example.org"));
        assertFalse(HostNames.dnsMatches("*.example.org", "example.org"));
        assertFalse(HostNames.dnsMatches("*.org", "example.org"));
        assertTrue(HostNames.dnsMatches("pacs.example.org.", "pacs.example.org"));
        assertTrue(HostNames.isIpLiteral("127.0.0.1"));
        assertTrue(HostNames.isIpLiteral("::1"));
        assertFalse(HostNames.isIpLiteral("localhost"));
    }
}
