package org.dicomsec.storage;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.security.auth.x500.X500Principal;
import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.transport.PeerIdentity;

/**
 * Decides whether an authenticated peer supports the Online Electronic Storage
 * Secure Use Profile, as rules d.2 and e.2 of PS3.15 A.1.1 ask the AEs to
 * "confirm via the authentication". The profile leaves the means to the site;
 * this policy accepts:
 * <ul>
 * <li>an X.509 peer whose leaf certificate names one of the configured
 * certificate policy OIDs (RFC 5280 4.2.1.4), or whose subject DN or
 * SHA-256 fingerprint is on an allow-list;</li>
 * <li>an ISCL entity whose keyring entry carries
 * {@value #ISCL_PROFILE_ATTRIBUTE} = "true" (when enabled, the default), or
 * whose entity name is on an allow-list.</li>
 * </ul>
 * Strict by default: an unauthenticated peer, or one nothing above names,
 * does not conform. The chain itself was validated by the transport.
 */
public final class PeerPolicy {

    /** The ISCL keyring attribute that vouches for the profile. */
    public static final String ISCL_PROFILE_ATTRIBUTE = "profile.online-storage";

    private static final System.Logger LOG = LibraryLog.logger(PeerPolicy.class);

    private final Set<String> policyOids;
    private final Set<X500Principal> subjects;
    private final Set<String> fingerprints;
    private final Set<String> isclEntities;
    private final boolean honourIsclKeyringFlag;
    /** Decisions by identity (a record: equal identities, equal decisions), dropped with the identity. */
    private final Map<PeerIdentity, Verdict> verdicts = Collections.synchronizedMap(new WeakHashMap<>());

    private PeerPolicy(Builder b) {
        this.policyOids = Set.copyOf(b.policyOids);
        this.subjects = Set.copyOf(b.subjects);
        this.fingerprints = Set.copyOf(b.fingerprints);
        this.isclEntities = Set.copyOf(b.isclEntities);
        this.honourIsclKeyringFlag = b.honourIsclKeyringFlag;
    }

    /** The default: no X.509 peer conforms; an ISCL peer conforms when its keyring entry says so. */
    public static PeerPolicy strict() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outcome with its reason, for the audit trail. */
    public record Verdict(boolean conforms, String reason) {
    }

    /** True when {@code peer} is authenticated and this policy says it supports the profile. */
    public boolean supportsProfile(PeerIdentity peer) {
        return evaluate(peer).conforms();
    }

    /**
     * The decision for {@code peer} with the reason. A connection's peer is decided once: the
     * decision is kept while the identity is in use (an online-storage SCP asks at every C-STORE,
     * and a certificate's fingerprint and subject name cost more than a small instance's write).
     */
    public Verdict evaluate(PeerIdentity peer) {
        Verdict v = verdicts.get(peer);
        if (v == null) {
            v = decide(peer);
            verdicts.put(peer, v);
        }
        return v;
    }

    private Verdict decide(PeerIdentity peer) {
        switch (peer.kind()) {
            case X509:
                return x509(peer);
            case ISCL_ENTITY:
                if (isclEntities.contains(peer.name())) {
                    return new Verdict(true, "ISCL entity \"" + peer.name() + "\" is on the allow-list");
                }
                if (honourIsclKeyringFlag && "true".equalsIgnoreCase(peer.attributes().get(ISCL_PROFILE_ATTRIBUTE))) {
                    return new Verdict(true, "ISCL keyring entry of \"" + peer.name() + "\" has "
                            + ISCL_PROFILE_ATTRIBUTE + "=true");
                }
                return new Verdict(false, "ISCL entity \"" + peer.name() + "\" is not known to support the profile");
            default:
                return new Verdict(false, "peer not authenticated");
        }
    }

    private Verdict x509(PeerIdentity peer) {
        if (peer.certificateChain().isEmpty()) {
            return new Verdict(false, "X.509 peer without a certificate");
        }
        X509Certificate leaf = peer.certificateChain().get(0);
        if (subjects.contains(leaf.getSubjectX500Principal())) {
            return new Verdict(true, "subject " + leaf.getSubjectX500Principal().getName() + " is on the allow-list");
        }
        if (!fingerprints.isEmpty()) {
            String fp = fingerprint(leaf);
            if (fingerprints.contains(fp)) {
                return new Verdict(true, "certificate SHA-256 " + fp + " is on the allow-list");
            }
        }
        if (!policyOids.isEmpty()) {
            try {
                for (String oid : CertificatePolicies.of(leaf)) {
                    if (policyOids.contains(oid)) {
                        return new Verdict(true, "certificate policy " + oid);
                    }
                }
            } catch (CertificateParsingException bad) {
                LOG.log(Level.WARNING, "certificatePolicies of {0} unreadable: {1}",
                        leaf.getSubjectX500Principal().getName(), bad.getMessage());
                return new Verdict(false, "certificatePolicies unreadable: " + bad.getMessage());
            }
        }
        return new Verdict(false, "certificate of " + leaf.getSubjectX500Principal().getName()
                + " names no accepted policy and is on no allow-list");
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, lower-case hex without separators. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link PeerPolicy}. */
    public static final class Builder {
        private final Set<String> policyOids = new HashSet<>();
        private final Set<X500Principal> subjects = new HashSet<>();
        private final Set<String> fingerprints = new HashSet<>();
        private final Set<String> isclEntities = new HashSet<>();
        private boolean honourIsclKeyringFlag = true;

        private Builder() {
        }

        /** Accept X.509 peers whose leaf certificate names this policy OID. */
        public Builder certificatePolicy(String oid) {
            if (!oid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
                throw new IllegalArgumentException("not an OID: " + oid);
            }
            policyOids.add(oid);
            return this;
        }

        /** Accept the X.509 peer with this subject DN (RFC 4514 form, compared canonically). */
        public Builder allowSubject(String dn) {
            subjects.add(new X500Principal(dn));
            return this;
        }

        /** Accept the X.509 peer whose certificate has this SHA-256 fingerprint (hex, colons allowed). */
        public Builder allowFingerprint(String sha256) {
            String h = sha256.replace(":", "").toLowerCase(Locale.ROOT);
            if (!h.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a SHA-256 fingerprint: " + sha256);
            }
            fingerprints.add(h);
            return this;
        }

        /** Accept the ISCL entity of this name. */
        public Builder allowIsclEntity(String name) {
            isclEntities.add(name);
            return this;
        }

        /**
         * Accepts the peer a command line names ({@code --allow-peer}): a SHA-256 certificate
         * fingerprint when the value is 64 hex digits (colons allowed), else a subject DN when it
         * holds an '=' ({@code CN=archive,O=hospital}), else an ISCL entity name.
         *
         * @throws IllegalArgumentException for a subject that is not a DN
         */
        public Builder allow(String peer) {
            if (peer.replace(":", "").matches("[0-9A-Fa-f]{64}")) {
                return allowFingerprint(peer);
            }
            return peer.contains("=") ? allowSubject(peer) : allowIsclEntity(peer);
        }

        /** Whether the ISCL keyring flag {@value PeerPolicy#ISCL_PROFILE_ATTRIBUTE} is believed (default true). */
        public Builder honourIsclKeyringFlag(boolean honour) {
            this.honourIsclKeyringFlag = honour;
            return this;
        }

        public PeerPolicy build() {
            return new PeerPolicy(this);
        }
    }
}
