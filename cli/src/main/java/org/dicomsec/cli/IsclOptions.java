package org.dicomsec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.dicomsec.iscl.EntityNames;
import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.PrivacyMechanism;
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
 * The ISCL options of the network commands (PS3.15 B.2; docs/iscl-wire-format.md):
 * {@code --iscl --keyring F --entity NAME [--peer-entity NAME] [--privacy]
 * [--integrity des-mac|md5-des] [--md5-order 1|2]}, the keyring password as for
 * {@code keys iscl} ({@code --password-file}, {@code --password-env}, the
 * terminal, or {@code --password} with a warning). Port 2761 by default.
 *
 * <p>Mechanisms: without {@code --integrity} an initiator offers DES-MAC then
 * MD5+DES and a listener accepts either; with it, only that one. With
 * {@code --privacy} an initiator offers only DES-CBC and a listener refuses a
 * peer without it; without, an initiator offers no privacy and a listener
 * accepts what is offered. {@code --peer-entity} on a listener accepts that
 * entity only (others get UNKNOWN_ENTITY in the handshake); on an initiator it
 * names the entity called, and may be left out when the keyring has a single
 * entry for {@code --entity}.
 */
final class IsclOptions {

    static final String ISCL = "iscl";
    static final String KEYRING = "keyring";
    static final String ENTITY = "entity";
    static final String PEER_ENTITY = "peer-entity";
    static final String PRIVACY = "privacy";
    static final String INTEGRITY = "integrity";
    static final String MD5_ORDER = "md5-order";

    /** Options that turn ISCL on. */
    private static final List<String> ALL = List.of(ISCL, KEYRING, ENTITY, PEER_ENTITY, PRIVACY, INTEGRITY, MD5_ORDER);

    private final Path keyring;
    private final KeyCard card;
    private final String entity;
    private final String peerEntity;
    private final List<String> remotes;
    private final List<IntegrityMechanism> integrity;
    private final boolean privacy;
    private final Md5Order md5Order;
    private final String description;

    private IsclOptions(Path keyring, KeyCard card, String entity, String peerEntity, List<String> remotes,
                        List<IntegrityMechanism> integrity, boolean privacy, Md5Order md5Order) {
        this.remotes = List.copyOf(remotes);
        this.keyring = keyring;
        this.card = card;
        this.entity = entity;
        this.peerEntity = peerEntity;
        this.integrity = integrity;
        this.privacy = privacy;
        this.md5Order = md5Order;
        List<String> parts = new ArrayList<>();
        parts.add("ISCL entity " + entity);
        parts.add(peerEntity == null ? "any peer entity of the keyring" : "peer entity " + peerEntity);
        parts.add("keyring " + keyring);
        parts.add("integrity " + String.join(" or ", integrity.stream().map(IntegrityMechanism::label).toList()));
        parts.add(privacy ? "privacy DES-CBC required" : "privacy DES-CBC if the initiator offers it");
        parts.add("MD5 order " + md5Order.code());
        this.description = String.join(", ", parts);
    }

    /** Declares the ISCL options on {@code parser} (the password options are TransportOptions'). */
    static OptionParser declare(OptionParser parser) {
        return parser.flag(ISCL, '\0', "ISCL Secure Transport Connection Profile (PS3.15 B.2), port "
                        + Iscl.DEFAULT_PORT + " by default; needs --keyring and --entity")
                .value(KEYRING, '\0', "FILE", "ISCL keyring (dicomsec keys iscl init); its password as"
                        + " --password-file/--password-env, else asked on the terminal")
                .value(ENTITY, '\0', "NAME", "own ISCL entity name")
                .value(PEER_ENTITY, '\0', "NAME", "ISCL entity of the peer: called (echo, store; optional when"
                        + " the keyring has one entry for --entity) or the only one accepted (scp)")
                .flag(PRIVACY, '\0', "require DES-CBC privacy (ISCL)")
                .value(INTEGRITY, '\0', "MECH", "ISCL integrity: des-mac or md5-des (default: either, DES-MAC"
                        + " preferred)")
                .value(MD5_ORDER, '\0', "1|2", "ISCL MD5+DES order this side sends with: 1 encrypt the random"
                        + " number then hash (default), 2 hash then encrypt");
    }

    /** True when any ISCL option was given. */
    static boolean wanted(ParsedOptions o) {
        for (String n : ALL) {
            if (o.has(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the ISCL options and loads the keyring.
     *
     * @throws UsageException   for a missing or bad option, a keyring without the entity
     * @throws CommandException (status 2) when the keyring cannot be read or the password is wrong
     */
    static IsclOptions from(ParsedOptions o, PrintStream err, UnaryOperator<String> env,
                            KeyringPassword.Prompt prompt) throws UsageException, CommandException {
        if (!o.has(KEYRING) || !o.has(ENTITY)) {
            throw new UsageException("ISCL needs --keyring FILE and --entity NAME (make a keyring with: dicomsec"
                    + " keys iscl init)");
        }
        String entity = name(o, ENTITY);
        String peer = o.has(PEER_ENTITY) ? name(o, PEER_ENTITY) : null;
        List<IntegrityMechanism> integrity = integrity(o.value(INTEGRITY));
        Md5Order order = md5Order(o.value(MD5_ORDER));
        Path file = Path.of(o.value(KEYRING));
        char[] pw = KeyringPassword.read(o, KeyringPassword.Options.KEYRING, err, env, prompt, "keyring " + file,
                false);
        IsclKeyring ring;
        try {
            ring = KeysIsclCommand.load(file, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
        List<String> remotes = ring.list().stream().filter(e -> e.localEntity().equals(entity))
                .map(KeyringEntry::remoteEntity).toList();
        if (remotes.isEmpty()) {
            throw new UsageException("keyring " + file + " has no entry for entity " + entity
                    + " (add one with: dicomsec keys iscl add " + file + " --local " + entity + " --remote PEER ...)");
        }
        if (peer != null && !remotes.contains(peer)) {
            throw new UsageException("keyring " + file + " has no key for " + entity + " -> " + peer
                    + " (its peers of " + entity + ": " + String.join(", ", remotes) + ")");
        }
        KeyCard card = new SoftwareKeyCard(ring);
        if (peer != null) {
            card = onlyPeer(card, peer);
        }
        return new IsclOptions(file, card, entity, peer, remotes, integrity, o.has(PRIVACY), order);
    }

    private static String name(ParsedOptions o, String option) throws UsageException {
        String v = o.value(option);
        if (!EntityNames.isValid(v)) {
            throw new UsageException("--" + option + ": " + EntityNames.printable(v) + " is not an ISCL entity name"
                    + " (1..64 printable US-ASCII, no leading or trailing space)");
        }
        return v;
    }

    static List<IntegrityMechanism> integrity(String v) throws UsageException {
        if (v == null) {
            return List.of(IntegrityMechanism.DES_MAC, IntegrityMechanism.MD5_DES);
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "des-mac" -> List.of(IntegrityMechanism.DES_MAC);
            case "md5-des", "md5+des" -> List.of(IntegrityMechanism.MD5_DES);
            default -> throw new UsageException("--integrity: des-mac or md5-des, not '" + v + "'");
        };
    }

    static Md5Order md5Order(String v) throws UsageException {
        if (v == null) {
            return Md5Order.ENCRYPT_RANDOM_THEN_HASH;
        }
        return switch (v) {
            case "1" -> Md5Order.ENCRYPT_RANDOM_THEN_HASH;
            case "2" -> Md5Order.HASH_THEN_ENCRYPT;
            default -> throw new UsageException("--md5-order: 1 (encrypt the random number, then hash) or 2 (hash,"
                    + " then encrypt), not '" + v + "'");
        };
    }

    /** A key card that holds keys for {@code peer} only: any other entity is UNKNOWN_ENTITY in the handshake. */
    private static KeyCard onlyPeer(KeyCard card, String peer) {
        return new KeyCard() {
            @Override
            public KeyCardSession open(String localEntity, String remoteEntity, Role role) throws IsclException {
                if (!peer.equals(remoteEntity)) {
                    throw new IsclException(IsclError.UNKNOWN_ENTITY, "entity " + EntityNames.printable(remoteEntity)
                            + " is not the peer entity " + peer + " given by --peer-entity");
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
    IsclConfig config(boolean initiator) {
        IsclConfig.Builder b = IsclConfig.builder(card, entity)
                .integrity(integrity.toArray(IntegrityMechanism[]::new))
                .md5Order(md5Order);
        if (privacy) {
            b.privacy(PrivacyMechanism.DES_CBC);
        } else if (initiator) {
            b.privacy(PrivacyMechanism.NONE);
        } else {
            b.privacy(PrivacyMechanism.DES_CBC, PrivacyMechanism.NONE);
        }
        return b.build();
    }

    /** The called entity: --peer-entity, or the single peer of --entity in the keyring; null when ambiguous. */
    String calledEntity() {
        if (peerEntity != null) {
            return peerEntity;
        }
        return remotes.size() == 1 ? remotes.get(0) : null;
    }

    /**
     * The initiator side. When the called entity is ambiguous (no --peer-entity, several
     * peers in the keyring) the connector refuses before any byte is sent, naming the choices.
     */
    TransportConnector connector() {
        String called = calledEntity();
        if (called == null) {
            return (remote, timeout) -> {
                throw new IsclException(IsclError.UNKNOWN_ENTITY, "--peer-entity NAME is needed: keyring " + keyring
                        + " has " + remotes.size() + " peers for entity " + entity + " (" + String.join(", ", remotes)
                        + ")");
            };
        }
        return Iscl.connector(config(true), called);
    }

    TransportAcceptor acceptor(InetAddress bindAddress, int port) throws IOException {
        return Iscl.acceptor(config(false), bindAddress, port);
    }

    String entity() {
        return entity;
    }

    /** The peer entity given, or null. */
    String peerEntity() {
        return peerEntity;
    }

    String describe() {
        return description;
    }
}
