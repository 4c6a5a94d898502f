package org.dicomsec.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * The TLS Secure Transport Connection Profiles of PS3.15 Annex B, by the names
 * used on the command line and in {@link org.dicomsec.ul.transport.SecurityDescription#profile()}.
 *
 * <ul>
 * <li>{@link #BASIC}: PS3.15 (2000) B.1, the Basic TLS Secure Transport
 * Connection Profile: TLS 1.0 framework and up, RSA certificates, RSA key
 * exchange, SHA, Triple DES EDE CBC (table B.1-1). Other mechanisms may be
 * agreed by negotiation, so the stronger RSA suites are offered after 3DES.</li>
 * <li>{@link #AES}: the AES TLS Secure Transport Connection Profile of later
 * PS3.15 editions: TLS_RSA_WITH_AES_128_CBC_SHA, falling back to
 * TLS_RSA_WITH_3DES_EDE_CBC_SHA.</li>
 * <li>{@link #BCP195}: the BCP 195 TLS Secure Transport Connection Profile:
 * TLS 1.2 and 1.3, the four suites RFC 7525 section 4.2 recommends
 * (ECDHE/DHE with RSA and AES-GCM), plus the AES and Basic suites as a
 * negotiated fallback for older peers.</li>
 * <li>{@link #BCP195_ND}: the Non-Downgrading BCP 195 profile: TLS 1.2 and 1.3
 * and the recommended AEAD suites only; no fallback. The default.</li>
 * <li>{@link #BCP195_EX}: the Extended BCP 195 profile: TLS 1.3, and for TLS
 * 1.2 the ECDHE/DHE AES-GCM suites with RSA or ECDSA certificates only.</li>
 * </ul>
 * The weaker choices ({@link #isWeak()}) are logged with a warning when a
 * configuration selects them.
 */
public enum TlsProfile {

    BASIC("basic", "Basic TLS Secure Transport Connection Profile (PS3.15 B.1)",
            ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10), true,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384),

    AES("aes", "AES TLS Secure Transport Connection Profile",
            ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10), true,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA),

    BCP195("bcp195", "BCP 195 TLS Secure Transport Connection Profile",
            ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12), false,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA),

    BCP195_ND("bcp195-nd", "Non-Downgrading BCP 195 TLS Secure Transport Connection Profile",
            ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12), false,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256),

    BCP195_EX("bcp195-ex", "Extended BCP 195 TLS Secure Transport Connection Profile",
            ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12), false,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256);

    /** The profile used whenever the user does not choose one. */
    public static final TlsProfile DEFAULT = BCP195_ND;

    private final String profileName;
    private final String title;
    private final ProtocolVersion[] versions;
    private final boolean weak;
    private final int[] cipherSuites;

    TlsProfile(String profileName, String title, ProtocolVersion[] versions, boolean weak, int... cipherSuites) {
        this.profileName = profileName;
        this.title = title;
        this.versions = versions;
        this.weak = weak;
        this.cipherSuites = cipherSuites;
    }

    /** The name used on the command line and in the security description, e.g. "bcp195-nd". */
    public String profileName() {
        return profileName;
    }

    /** The profile's title as later PS3.15 editions name it. */
    public String title() {
        return title;
    }

    /** True for the profiles that allow TLS below 1.2 or RSA key transport (basic, aes). */
    public boolean isWeak() {
        return weak;
    }

    /** Protocol versions, highest first. */
    public ProtocolVersion[] protocolVersions() {
        return versions.clone();
    }

    /** Cipher suites in order of preference (the server picks from this order). */
    public int[] cipherSuites() {
        return cipherSuites.clone();
    }

    /** The suite names as the RFCs spell them, in order of preference. */
    public List<String> cipherSuiteNames() {
        return Arrays.stream(cipherSuites).mapToObj(TlsNames::cipherSuite).toList();
    }

    /** The version names ("TLSv1.3" ...), highest first. */
    public List<String> protocolNames() {
        return Arrays.stream(versions).map(TlsNames::protocol).toList();
    }

    /**
     * The profile of a name: "basic", "aes", "bcp195", "bcp195-nd", "bcp195-ex"
     * (case-insensitive; "_" accepted for "-").
     *
     * @throws IllegalArgumentException naming the known profiles
     */
    public static TlsProfile byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TlsProfile p : values()) {
            if (p.profileName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown TLS profile '" + name + "'; known: " + names());
    }

    /** All profile names, for help texts. */
    public static List<String> names() {
        return Arrays.stream(values()).map(TlsProfile::profileName).toList();
    }

    @Override
    public String toString() {
        return profileName;
    }
}
