package org.dicomsec.iscl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.KeyCard;
import org.dicomsec.ul.pdu.AeTitle;

/**
 * What one side of an ISCL connection offers or accepts: its entity name, its
 * key card, the mechanisms (in order of preference for an initiator; the
 * allowed set for a responder), its MD5 sending order, its maximum packet size
 * and the per-message handshake timeout (docs/iscl-wire-format.md sections 4, 5.4, 9).
 */
public final class IsclConfig {

    /** Default maximum packet size: see docs/iscl-wire-format.md section 8.7 for the reasoning. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 65536;
    /** Range of the maximum packet size (section 5.4). */
    public static final int MIN_PACKET_SIZE = 1024;
    public static final int MAX_PACKET_SIZE = 16 << 20;
    /** Default timeout for each handshake read. */
    public static final int DEFAULT_MESSAGE_TIMEOUT_MILLIS = 30_000;
    /**
     * Default per-key volume limit: at most 1 GiB (2^27 DES blocks) of DATA record bodies sent in
     * one direction of one line connection, well below the 2^32 blocks (32 GiB) at which 64-bit
     * CBC collisions become likely (docs/iscl-wire-format.md section 8.8).
     */
    public static final long DEFAULT_VOLUME_LIMIT = 1L << 30;
    /** The protocol's maximum volume per direction (4 GiB); every receiver enforces it. */
    public static final long MAX_VOLUME_LIMIT = 1L << 32;
    /** Flag of a keyring entry: the AE titles the remote entity may call with (comma-separated). */
    public static final String AE_TITLES_FLAG = "dicom.ae-titles";

    /**
     * A volume limit as an operator writes it: a whole number of bytes with an optional suffix K,
     * M or G (powers of 1024, either case), from 1 to {@link #MAX_VOLUME_LIMIT} ("4G").
     *
     * @throws IllegalArgumentException for anything else, quoting the text
     */
    public static long parseVolumeLimit(String text) {
        String d = text.toUpperCase(Locale.ROOT);
        int shift = 0;
        if (!d.isEmpty() && "KMG".indexOf(d.charAt(d.length() - 1)) >= 0) {
            shift = 10 * ("KMG".indexOf(d.charAt(d.length() - 1)) + 1);
            d = d.substring(0, d.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(d);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_VOLUME_LIMIT >> shift) {
            throw new IllegalArgumentException("a byte count 1 .. 4G (suffix K, M or G), not '" + text + "'");
        }
        return n << shift;
    }

    /**
     * The value of {@link #AE_TITLES_FLAG} for these AE titles: each stripped of surrounding
     * white space, checked as an AE title (PS3.5 AE: 1 to 16 characters, no control characters
     * or backslash) without a comma, repeats left out, joined by commas in the order given.
     *
     * @throws IllegalArgumentException naming the first title that is not one
     */
    public static String aeTitlesFlag(List<String> titles) {
        List<String> out = new ArrayList<>();
        for (String t : titles) {
            String v = t.strip();
            AeTitle.validate(v);
            if (v.contains(",")) {
                throw new IllegalArgumentException("'" + t + "' is not an AE title (1..16 characters, no comma)");
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return String.join(",", out);
    }

    private final String localEntity;
    private final KeyCard keyCard;
    private final List<IntegrityMechanism> integrity;
    private final List<PrivacyMechanism> privacy;
    private final Md5Order md5Order;
    private final int maxPacketSize;
    private final int messageTimeoutMillis;
    private final long volumeLimit;
    private final boolean callingAeTitleCheck;

    private IsclConfig(Builder b) {
        this.localEntity = EntityNames.require(b.localEntity, "local entity");
        this.keyCard = Objects.requireNonNull(b.keyCard, "keyCard");
        this.integrity = List.copyOf(b.integrity);
        this.privacy = List.copyOf(b.privacy);
        if (integrity.isEmpty() || privacy.isEmpty() || integrity.size() > 8 || privacy.size() > 8) {
            throw new IllegalArgumentException("offer 1..8 integrity and 1..8 privacy mechanisms");
        }
        this.md5Order = Objects.requireNonNull(b.md5Order, "md5Order");
        if (b.maxPacketSize < MIN_PACKET_SIZE || b.maxPacketSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("max packet size " + b.maxPacketSize + " outside "
                    + MIN_PACKET_SIZE + ".." + MAX_PACKET_SIZE);
        }
        this.maxPacketSize = b.maxPacketSize;
        if (b.messageTimeoutMillis <= 0) {
            throw new IllegalArgumentException("handshake message timeout must be positive");
        }
        this.messageTimeoutMillis = b.messageTimeoutMillis;
        if (b.volumeLimit < 1 || b.volumeLimit > MAX_VOLUME_LIMIT) {
            throw new IllegalArgumentException("volume limit " + b.volumeLimit + " outside 1.." + MAX_VOLUME_LIMIT);
        }
        this.volumeLimit = b.volumeLimit;
        this.callingAeTitleCheck = b.callingAeTitleCheck;
    }

    /** A builder with the defaults: integrity DES-MAC then MD5+DES, privacy DES-CBC then none. */
    public static Builder builder(KeyCard keyCard, String localEntity) {
        return new Builder(keyCard, localEntity);
    }

    public String localEntity() {
        return localEntity;
    }

    public KeyCard keyCard() {
        return keyCard;
    }

    public List<IntegrityMechanism> integrity() {
        return integrity;
    }

    public List<PrivacyMechanism> privacy() {
        return privacy;
    }

    public Md5Order md5Order() {
        return md5Order;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public int messageTimeoutMillis() {
        return messageTimeoutMillis;
    }

    /** Most DATA body bytes this side sends in one line connection (section 8.8). */
    public long volumeLimit() {
        return volumeLimit;
    }

    /**
     * True when an acceptor requires the calling AE title of the first A-ASSOCIATE-RQ to be one
     * of those the keyring entry of the authenticated entity lists ({@link #AE_TITLES_FLAG}).
     */
    public boolean callingAeTitleCheck() {
        return callingAeTitleCheck;
    }

    /** Builder of {@link IsclConfig}. */
    public static final class Builder {
        private final KeyCard keyCard;
        private final String localEntity;
        private List<IntegrityMechanism> integrity = List.of(IntegrityMechanism.DES_MAC, IntegrityMechanism.MD5_DES);
        private List<PrivacyMechanism> privacy = List.of(PrivacyMechanism.DES_CBC, PrivacyMechanism.NONE);
        private Md5Order md5Order = Md5Order.ENCRYPT_RANDOM_THEN_HASH;
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private int messageTimeoutMillis = DEFAULT_MESSAGE_TIMEOUT_MILLIS;
        private long volumeLimit = DEFAULT_VOLUME_LIMIT;
        private boolean callingAeTitleCheck;

        private Builder(KeyCard keyCard, String localEntity) {
            this.keyCard = keyCard;
            this.localEntity = localEntity;
        }

        /** Integrity mechanisms, preferred first (initiator) or allowed (responder). */
        public Builder integrity(IntegrityMechanism... m) {
            integrity = List.of(m);
            return this;
        }

        /** Privacy mechanisms, preferred first (initiator) or allowed (responder). */
        public Builder privacy(PrivacyMechanism... m) {
            privacy = List.of(m);
            return this;
        }

        /** The order this side uses when it sends with MD5+DES. */
        public Builder md5Order(Md5Order o) {
            md5Order = o;
            return this;
        }

        public Builder maxPacketSize(int bytes) {
            maxPacketSize = bytes;
            return this;
        }

        public Builder messageTimeoutMillis(int millis) {
            messageTimeoutMillis = millis;
            return this;
        }

        /**
         * The per-key volume limit, 1 .. {@link #MAX_VOLUME_LIMIT} bytes of DATA record bodies sent
         * per line connection; reaching it ends the connection with DISCONNECT reason VOLUME_LIMIT
         * and both Upper Layers issue A-P-ABORT (provider reason 0x80). Small values are for tests.
         */
        public Builder volumeLimit(long bytes) {
            volumeLimit = bytes;
            return this;
        }

        /**
         * An acceptor answers an A-ASSOCIATE-RQ whose calling AE title is not listed in the
         * authenticated entity's keyring entry (flag {@link #AE_TITLES_FLAG}; no flag: no title
         * allowed) with A-ASSOCIATE-RJ (rejected-permanent, service-user,
         * calling-AE-title-not-recognized).
         */
        public Builder callingAeTitleCheck(boolean check) {
            callingAeTitleCheck = check;
            return this;
        }

        public IsclConfig build() {
            return new IsclConfig(this);
        }
    }
}
