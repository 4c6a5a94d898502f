package org.dicomsec.iscl;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.KeyCard;
import org.dicomsec.iscl.keys.KeyCardSession;
import org.dicomsec.iscl.keys.KeyringEntry;
import org.dicomsec.iscl.keys.Role;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * One side of ISCL as an application sets it up (what {@code dicomsec echo|store|scp --iscl}
 * builds from its options): own entity and keyring, optionally a single peer entity, the
 * mechanisms, and from these the connector or the acceptor.
 *
 * <ul>
 *   <li><b>Mechanisms.</b> By default an initiator offers DES-MAC then MD5+DES and a listener
 *       accepts either; {@link Builder#integrity} narrows that. With
 *       {@link Builder#privacyRequired privacy required} an initiator offers only DES-CBC and a
 *       listener refuses a peer without it; otherwise an initiator offers no privacy and a
 *       listener accepts what is offered.</li>
 *   <li><b>One peer only.</b> With {@link Builder#peerEntity} a listener serves that entity alone
 *       (any other is answered like a wrong key, docs/iscl-wire-format.md section 6.4) and an
 *       initiator calls it. Without it an initiator calls the keyring's single peer of the own
 *       entity, and refuses before connecting when there are several
 *       ({@link #calledEntity()} is then null).</li>
 *   <li><b>AE titles.</b> {@link Builder#callingAeTitleCheck} on a listener: the calling AE title
 *       must be one the keyring entry of the authenticated entity lists (section 15).</li>
 * </ul>
 *
 * <pre>{@code
 * IsclEndpoint scp = IsclEndpoint.builder(IsclKeyring.load(file, password), "ARCHIVE")
 *         .peerEntity("MODALITY").privacyRequired(true).callingAeTitleCheck(true).build();
 * DicomServer server = new DicomServer(scp.acceptor(null, Iscl.DEFAULT_PORT), policy, handlers, settings, 8);
 * }</pre>
 */
public final class IsclEndpoint {

    private final KeyCard card;
    private final String entity;
    private final String peerEntity;
    private final List<String> remotes;
    private final List<IntegrityMechanism> integrity;
    private final boolean privacyRequired;
    private final Md5Order md5Order;
    private final long volumeLimit;
    private final boolean callingAeTitleCheck;
    private final String keyringName;

    private IsclEndpoint(Builder b) {
        this.entity = EntityNames.require(b.entity, "entity");
        this.peerEntity = b.peerEntity == null ? null : EntityNames.require(b.peerEntity, "peer entity");
        this.remotes = b.keyring.list().stream().filter(e -> e.localEntity().equals(entity))
                .map(KeyringEntry::remoteEntity).toList();
        this.keyringName = b.keyringName;
        if (remotes.isEmpty()) {
            throw new IllegalArgumentException(keyringName + " has no entry for entity " + entity);
        }
        if (peerEntity != null && !remotes.contains(peerEntity)) {
            throw new IllegalArgumentException(keyringName + " has no key for " + entity + " -> " + peerEntity
                    + " (its peers of " + entity + ": " + String.join(", ", remotes) + ")");
        }
        if (b.integrity.isEmpty()) {
            throw new IllegalArgumentException("at least one integrity mechanism");
        }
        KeyCard c = new SoftwareKeyCard(b.keyring);
        this.card = peerEntity == null ? c : onlyPeer(c, peerEntity);
        this.integrity = List.copyOf(b.integrity);
        this.privacyRequired = b.privacyRequired;
        this.md5Order = b.md5Order;
        this.volumeLimit = b.volumeLimit;
        this.callingAeTitleCheck = b.callingAeTitleCheck;
        // the checks of IsclConfig (volume limit range) now rather than at the first connection
        config(true);
    }

    /** A builder for {@code entity} with the keys of {@code keyring}. */
    public static Builder builder(IsclKeyring keyring, String entity) {
        return new Builder(Objects.requireNonNull(keyring, "keyring"), entity);
    }

    /**
     * A key card that holds keys for {@code peer} only: for any other remote entity
     * {@link KeyCard#hasKey} is false and {@link KeyCard#open} fails with UNKNOWN_ENTITY, so a
     * listener answers it like a wrong key and an initiator refuses before connecting.
     */
    public static KeyCard onlyPeer(KeyCard card, String peer) {
        Objects.requireNonNull(card, "card");
        EntityNames.require(peer, "peer entity");
        return new KeyCard() {
            @Override
            public KeyCardSession open(String localEntity, String remoteEntity, Role role) throws IsclException {
                if (!peer.equals(remoteEntity)) {
                    throw new IsclException(IsclError.UNKNOWN_ENTITY, "entity " + EntityNames.printable(remoteEntity)
                            + " is not the only peer entity allowed, " + peer);
                }
                return card.open(localEntity, remoteEntity, role);
            }

            @Override
            public boolean hasKey(String localEntity, String remoteEntity) {
                return peer.equals(remoteEntity) && card.hasKey(localEntity, remoteEntity);
            }
        };
    }

    /** The configuration of one side: an initiator offers, a listener accepts. */
    public IsclConfig config(boolean initiator) {
        IsclConfig.Builder b = IsclConfig.builder(card, entity)
                .integrity(integrity.toArray(IntegrityMechanism[]::new))
                .md5Order(md5Order)
                .volumeLimit(volumeLimit)
                .callingAeTitleCheck(!initiator && callingAeTitleCheck);
        if (privacyRequired) {
            b.privacy(PrivacyMechanism.DES_CBC);
        } else if (initiator) {
            b.privacy(PrivacyMechanism.NONE);
        } else {
            b.privacy(PrivacyMechanism.DES_CBC, PrivacyMechanism.NONE);
        }
        return b.build();
    }

    /**
     * How many bytes of data sets an initiator sends over one association before the next one,
     * with new session keys: the volume limit under one set of session keys
     * ({@link IsclConfig#volumeLimit()}, which counts every DATA record body) less a margin for what
     * else the association carries under those keys (A-ASSOCIATE, P-DATA-TF and PDV headers,
     * release: 2 % and 64 KiB); at least 1. A sender of many files cuts them into runs of this many
     * bytes, each over its own association ({@code FileSender.batches}, which adds each file's
     * command), rather than have the line connection end in A-P-ABORT at the limit.
     */
    public long dataSetBytesPerAssociation() {
        return Math.max(1, volumeLimit - volumeLimit / 50 - (64 << 10));
    }

    /** The entity called: the peer entity, or the single peer of the own entity; null when ambiguous. */
    public String calledEntity() {
        if (peerEntity != null) {
            return peerEntity;
        }
        return remotes.size() == 1 ? remotes.get(0) : null;
    }

    /**
     * The initiator side. When the called entity is ambiguous the connector refuses with
     * UNKNOWN_ENTITY before any byte is sent, naming the choices.
     */
    public TransportConnector connector() {
        String called = calledEntity();
        if (called == null) {
            return (remote, timeout) -> {
                throw new IsclException(IsclError.UNKNOWN_ENTITY, "a peer entity must be named: " + keyringName
                        + " has " + remotes.size() + " peers for entity " + entity + " (" + String.join(", ", remotes)
                        + ")");
            };
        }
        return Iscl.connector(config(true), called);
    }

    /** The listener side on {@code bindAddress} (null: all interfaces) and {@code port} (0: any free one). */
    public TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException {
        return Iscl.acceptor(config(false), bindAddress, port);
    }

    public String entity() {
        return entity;
    }

    /** The single peer entity allowed, or null. */
    public String peerEntity() {
        return peerEntity;
    }

    /** The remote entities the keyring has keys for, for the own entity. */
    public List<String> remotes() {
        return remotes;
    }

    /** A one-line description without secrets, for logs and --verbose. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("ISCL entity " + entity);
        parts.add(peerEntity == null ? "any peer entity of the keyring" : "peer entity " + peerEntity);
        parts.add(keyringName);
        parts.add("integrity " + String.join(" or ", integrity.stream().map(IntegrityMechanism::label).toList()));
        parts.add(privacyRequired ? "privacy DES-CBC required" : "privacy DES-CBC if the initiator offers it");
        parts.add("MD5 order " + md5Order.code());
        if (volumeLimit != IsclConfig.DEFAULT_VOLUME_LIMIT) {
            parts.add("volume limit " + volumeLimit + " bytes");
        }
        if (callingAeTitleCheck) {
            parts.add("calling AE title checked against the keyring");
        }
        return String.join(", ", parts);
    }

    /** Builder of {@link IsclEndpoint}. */
    public static final class Builder {
        private final IsclKeyring keyring;
        private final String entity;
        private String peerEntity;
        private List<IntegrityMechanism> integrity = List.of(IntegrityMechanism.DES_MAC, IntegrityMechanism.MD5_DES);
        private boolean privacyRequired;
        private Md5Order md5Order = Md5Order.ENCRYPT_RANDOM_THEN_HASH;
        private long volumeLimit = IsclConfig.DEFAULT_VOLUME_LIMIT;
        private boolean callingAeTitleCheck;
        private String keyringName = "the keyring";

        private Builder(IsclKeyring keyring, String entity) {
            this.keyring = keyring;
            this.entity = entity;
        }

        /** The only peer entity: called by an initiator, the only one served by a listener. */
        public Builder peerEntity(String peer) {
            peerEntity = peer;
            return this;
        }

        /** Integrity mechanisms, preferred first; default DES-MAC then MD5+DES. */
        public Builder integrity(List<IntegrityMechanism> mechanisms) {
            integrity = List.copyOf(mechanisms);
            return this;
        }

        /** DES-CBC required (initiator: offered alone; listener: a peer without it refused). */
        public Builder privacyRequired(boolean required) {
            privacyRequired = required;
            return this;
        }

        public Builder md5Order(Md5Order order) {
            md5Order = Objects.requireNonNull(order);
            return this;
        }

        /** See {@link IsclConfig.Builder#volumeLimit}. */
        public Builder volumeLimit(long bytes) {
            volumeLimit = bytes;
            return this;
        }

        /** See {@link IsclConfig.Builder#callingAeTitleCheck}; listener only. */
        public Builder callingAeTitleCheck(boolean check) {
            callingAeTitleCheck = check;
            return this;
        }

        /** How the keyring is named in messages and {@link #describe()} ("keyring /etc/x.keyring"). */
        public Builder keyringName(String name) {
            keyringName = Objects.requireNonNull(name);
            return this;
        }

        /** @throws IllegalArgumentException the keyring has no key for the entity (or the peer entity) */
        public IsclEndpoint build() {
            return new IsclEndpoint(this);
        }
    }
}
