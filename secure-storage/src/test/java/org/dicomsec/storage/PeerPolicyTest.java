package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateParsingException;
import java.util.HexFormat;
import java.util.List;
import org.dicomsec.ul.transport.PeerIdentity;
import org.junit.jupiter.api.Test;

/** Rules d.2 / e.2: confirming via the authentication that the peer supports the profile. */
class PeerPolicyTest {

    @Test
    void certificatePoliciesAreReadFromTheLeaf() throws Exception {
        // expected values as printed by openssl (vectors/README.md)
        assertEquals(List.of(Peers.TEST_POLICY), CertificatePolicies.of(Peers.cert("cert-with-policy.pem")));
        assertEquals(List.of(Peers.TEST_POLICY, "2.5.29.32.0"),
                CertificatePolicies.of(Peers.cert("cert-with-policy-and-cps.pem")));
        assertEquals(List.of(), CertificatePolicies.of(Peers.cert("cert-without-policy.pem")));
    }

    @Test
    void derReaderRejectsMalformedInputNamingTheOffset() throws Exception {
        // SEQUENCE claiming 7 content bytes with 5 present
        byte[] shortSeq = HexFormat.of().parseHex("3007300306012a");
        CertificateParsingException e = assertThrows(CertificateParsingException.class,
                () -> CertificatePolicies.parse(shortSeq, 0, shortSeq.length));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        byte[] empty = HexFormat.of().parseHex("3000");
        assertThrows(CertificateParsingException.class, () -> CertificatePolicies.parse(empty, 0, empty.length));
        byte[] indefinite = HexFormat.of().parseHex("3080");
        assertThrows(CertificateParsingException.class,
                () -> CertificatePolicies.parse(indefinite, 0, indefinite.length));
        byte[] valid = HexFormat.of().parseHex("3005300306012a");
        assertEquals(List.of("1.2"), CertificatePolicies.parse(valid, 0, valid.length));
        byte[] notOid = HexFormat.of().parseHex("300430020500");
        assertThrows(CertificateParsingException.class, () -> CertificatePolicies.parse(notOid, 0, notOid.length));
        byte[] openArc = HexFormat.of().parseHex("30053003060181");
        assertThrows(CertificateParsingException.class, () -> CertificatePolicies.parse(openArc, 0, openArc.length));
    }

    @Test
    void oidDecodingFollowsX690() throws Exception {
        // 2.5.29.32.0 = 55 1D 20 00; 1.2.840.113549 = 2A 86 48 86 F7 0D; 2.999.3 = 88 37 03
        assertEquals("2.5.29.32.0", CertificatePolicies.decodeOid(HexFormat.of().parseHex("551d2000"), 0, 4));
        assertEquals("1.2.840.113549", CertificatePolicies.decodeOid(HexFormat.of().parseHex("2a864886f70d"), 0, 6));
        assertEquals("2.999.3", CertificatePolicies.decodeOid(HexFormat.of().parseHex("883703"), 0, 3));
    }

    @Test
    void strictByDefault() {
        PeerPolicy strict = PeerPolicy.strict();
        assertFalse(strict.supportsProfile(PeerIdentity.NONE));
        assertFalse(strict.supportsProfile(Peers.x509("cert-with-policy.pem")), "no OID configured: unknown");
        assertFalse(strict.supportsProfile(Peers.iscl("NODE-B", false)));
        assertTrue(strict.supportsProfile(Peers.iscl("NODE-B", true)), "the keyring vouches");
        assertFalse(PeerPolicy.builder().honourIsclKeyringFlag(false).build()
                .supportsProfile(Peers.iscl("NODE-B", true)));
    }

    @Test
    void x509ByPolicyOid() {
        PeerPolicy p = Peers.policy();
        assertTrue(p.supportsProfile(Peers.x509("cert-with-policy.pem")));
        assertTrue(p.supportsProfile(Peers.x509("cert-with-policy-and-cps.pem")));
        assertFalse(p.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertFalse(PeerPolicy.builder().certificatePolicy("1.3.6.1.4.1.99999.15.2").build()
                .supportsProfile(Peers.x509("cert-with-policy.pem")));
        assertThrows(IllegalArgumentException.class, () -> PeerPolicy.builder().certificatePolicy("1.2.x"));
    }

    @Test
    void x509BySubjectOrFingerprintAllowList() {
        // openssl's "/CN=plain-peer.example/O=dicomsec test" is, in RFC 4514 order (last RDN first):
        PeerPolicy bySubject = PeerPolicy.builder().allowSubject("CN=plain-peer.example, O=dicomsec test").build();
        assertFalse(bySubject.supportsProfile(Peers.x509("cert-without-policy.pem")), "RDN order matters");
        bySubject = PeerPolicy.builder().allowSubject("o=dicomsec test,  cn=plain-peer.example").build();
        assertTrue(bySubject.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertFalse(bySubject.supportsProfile(Peers.x509("cert-with-policy.pem")));

        // fingerprint as openssl printed it (vectors/README.md)
        String openssl = "67:F4:D3:B6:0E:D0:43:45:3C:2C:6E:42:0A:72:BC:AA:C1:50:40:0A:93:E3:EC:25:8F:0C:24:6C:C8:83:89:6D";
        assertEquals(openssl.replace(":", "").toLowerCase(), PeerPolicy.fingerprint(Peers.cert("cert-without-policy.pem")));
        PeerPolicy byFp = PeerPolicy.builder().allowFingerprint(openssl).build();
        assertTrue(byFp.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertFalse(byFp.supportsProfile(Peers.x509("cert-with-policy.pem")));
        assertThrows(IllegalArgumentException.class, () -> PeerPolicy.builder().allowFingerprint("abcd"));
    }

    @Test
    void isclByEntityAllowList() {
        PeerPolicy p = PeerPolicy.builder().honourIsclKeyringFlag(false).allowIsclEntity("NODE-C").build();
        assertTrue(p.supportsProfile(Peers.iscl("NODE-C", false)));
        assertFalse(p.supportsProfile(Peers.iscl("NODE-D", true)));
        assertTrue(p.evaluate(Peers.iscl("NODE-D", true)).reason().contains("NODE-D"));
    }

    @Test
    void allowTellsAFingerprintFromASubjectFromAnIsclEntity() {
        String fp = "67:F4:D3:B6:0E:D0:43:45:3C:2C:6E:42:0A:72:BC:AA:C1:50:40:0A:93:E3:EC:25:8F:0C:24:6C:C8:83:89:6D";
        PeerPolicy byFp = PeerPolicy.builder().honourIsclKeyringFlag(false).allow(fp).build();
        assertTrue(byFp.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertFalse(byFp.supportsProfile(Peers.iscl(fp, false)), "a fingerprint is not an entity name");
        PeerPolicy bySubject = PeerPolicy.builder().honourIsclKeyringFlag(false)
                .allow("O=dicomsec test,CN=plain-peer.example").build();
        assertTrue(bySubject.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertFalse(bySubject.supportsProfile(Peers.x509("cert-with-policy.pem")));
        PeerPolicy byEntity = PeerPolicy.builder().honourIsclKeyringFlag(false).allow("NODE-C").build();
        assertTrue(byEntity.supportsProfile(Peers.iscl("NODE-C", false)));
        assertFalse(byEntity.supportsProfile(Peers.x509("cert-without-policy.pem")));
        assertThrows(IllegalArgumentException.class, () -> PeerPolicy.builder().allow("CN=a,=b"));
    }
}
