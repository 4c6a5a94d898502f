package org.dicomsec.ul.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The short phrases of a peer identity and a transport's security, as the demo prints them. */
class ShortDescriptionsTest {

    @Test
    void commonName_ofRfc2253Names() {
        assertEquals("dicomsec client", PeerIdentity.commonName("CN=dicomsec client,OU=x,O=y").orElseThrow());
        assertEquals("a,b", PeerIdentity.commonName("O=z,CN=a\\,b").orElseThrow());
        assertTrue(PeerIdentity.commonName("O=only").isEmpty());
    }

    @Test
    void peerIdentityInAPhrase() {
        assertEquals("unauthenticated", PeerIdentity.NONE.shortName());
        assertEquals("entity WORKSTATION",
                new PeerIdentity(PeerIdentity.Kind.ISCL_ENTITY, "WORKSTATION", List.of(), Map.of()).shortName());
        assertEquals("CN=node", new PeerIdentity(PeerIdentity.Kind.X509, "CN=node,O=x", List.of(), Map.of())
                .shortName());
    }

    @Test
    void securityInAPhrase() {
        assertEquals("plain TCP", SecurityDescription.PLAIN.summary());
        assertEquals("tls bcp195-nd TLSv1.3 TLS_AES_128_GCM_SHA256", new SecurityDescription(true, "bcp195-nd",
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", true).summary());
        assertEquals("ISCL 1.1 DES-MAC (no privacy)", new SecurityDescription(true, "iscl",
                "ISCL 1.1 (dicomsec wire format)", "DES-MAC", false).summary());
    }
}
