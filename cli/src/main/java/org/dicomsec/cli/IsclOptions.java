package org.dicomsec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.Iscl;
import org.dicomsec.iscl.IsclConfig;
import org.dicomsec.iscl.IsclEndpoint;
import org.dicomsec.iscl.IsclError;
import org.dicomsec.iscl.IsclException;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.ul.transport.TransportConnector;

/**
 * The ISCL options of the network commands (PS3.15 B.2; docs/iscl-wire-format.md):
 * {@code --iscl --keyring F --entity NAME [--peer-entity NAME] [--privacy]
 * [--integrity des-mac|md5-des] [--md5-order 1|2] [--iscl-volume-limit N]
 * [--iscl-check-ae-title]}, the keyring password as for {@code keys iscl}
 * ({@code --password-file}, {@code --password-env}, the terminal, or
 * {@code --password} with a warning). Port 2761 by default. This class only
 * parses; what the options mean (mechanisms offered or accepted, one peer only,
 * the AE-title check) is {@link IsclEndpoint}'s, in the iscl module.
 */
final class IsclOptions {

    static final String ISCL = "iscl";
    static final String KEYRING = "keyring";
    static final String ENTITY = "entity";
    static final String PEER_ENTITY = "peer-entity";
    static final String PRIVACY = "privacy";
    static final String INTEGRITY = "integrity";
    static final String MD5_ORDER = "md5-order";
    static final String VOLUME_LIMIT = "iscl-volume-limit";
    static final String CHECK_AE_TITLE = "iscl-check-ae-title";

    /** Options that turn ISCL on. */
    private static final List<String> ALL = List.of(ISCL, KEYRING, ENTITY, PEER_ENTITY, PRIVACY, INTEGRITY, MD5_ORDER,
            VOLUME_LIMIT, CHECK_AE_TITLE);

    private final IsclEndpoint endpoint;
    private final String keyringName;

    private IsclOptions(IsclEndpoint endpoint, String keyringName) {
        this.endpoint = endpoint;
        this.keyringName = keyringName;
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
                        + " number then hash (default), 2 hash then encrypt")
                .value(VOLUME_LIMIT, '\0', "BYTES", "ISCL: most bytes sent under one set of session keys, then the"
                        + " line connection ends (A-P-ABORT 0x80); suffix K, M or G; default 1G, at most 4G")
                .flag(CHECK_AE_TITLE, '\0', "ISCL scp: the calling AE title must be one the keyring entry of the"
                        + " authenticated entity lists (keys iscl add --ae-title); others get A-ASSOCIATE-RJ");
    }

    /** True when any ISCL option was given. */
    static boolean wanted(ParsedOptions o) {
        return ALL.stream().anyMatch(o::has);
    }

    /**
     * Reads the ISCL options and loads the keyring.
     *
     * @throws UsageException   for a missing or bad option, a keyring without the entity
     * @throws CommandException (status 2) when the keyring cannot be read or the password is wrong
     */
    static IsclOptions from(ParsedOptions o, PrintStream err, UnaryOperator<String> env,
                            PasswordOptions.Prompt prompt) throws UsageException, CommandException {
        if (!o.has(KEYRING) || !o.has(ENTITY)) {
            throw new UsageException("ISCL needs --keyring FILE and --entity NAME (make a keyring with: dicomsec"
                    + " keys iscl init)");
        }
        String entity = KeysIsclCommand.entity(o, ENTITY);
        String peer = o.has(PEER_ENTITY) ? KeysIsclCommand.entity(o, PEER_ENTITY) : null;
        // the values by the library's names for them (des-mac, 2, 64M); a bad one is a usage error naming the option
        List<IntegrityMechanism> integrity = !o.has(INTEGRITY) ? List.of(IntegrityMechanism.DES_MAC,
                IntegrityMechanism.MD5_DES) : List.of(ParsedOptions.parse("--" + INTEGRITY + ": ",
                        () -> IntegrityMechanism.byName(o.value(INTEGRITY))));
        Md5Order order = !o.has(MD5_ORDER) ? Md5Order.ENCRYPT_RANDOM_THEN_HASH
                : ParsedOptions.parse("--" + MD5_ORDER + ": ", () -> Md5Order.byName(o.value(MD5_ORDER)));
        long volume = !o.has(VOLUME_LIMIT) ? IsclConfig.DEFAULT_VOLUME_LIMIT
                : ParsedOptions.parse("--" + VOLUME_LIMIT + ": ", () -> IsclConfig.parseVolumeLimit(o.value(VOLUME_LIMIT)));
        Path file = Path.of(o.value(KEYRING));
        IsclKeyring ring = KeysIsclCommand.load(file, o, err, env, prompt);
        boolean known = ring.list().stream().anyMatch(e -> e.localEntity().equals(entity));
        if (!known) {
            throw new UsageException("keyring " + file + " has no entry for entity " + entity
                    + " (add one with: dicomsec keys iscl add " + file + " --local " + entity + " --remote PEER ...)");
        }
        return new IsclOptions(ParsedOptions.parse("", () -> IsclEndpoint.builder(ring, entity).peerEntity(peer)
                .integrity(integrity).privacyRequired(o.has(PRIVACY)).md5Order(order).volumeLimit(volume)
                .callingAeTitleCheck(o.has(CHECK_AE_TITLE)).keyringName("keyring " + file).build()),
                "keyring " + file);
    }

    /** The endpoint the options configure (for the transport factory). */
    IsclEndpoint endpoint() {
        return endpoint;
    }

    /** The called entity: --peer-entity, or the single peer of --entity in the keyring; null when ambiguous. */
    String calledEntity() {
        return endpoint.calledEntity();
    }

    /** The initiator side; refuses before connecting, naming the option, when the called entity is ambiguous. */
    TransportConnector connector() {
        if (endpoint.calledEntity() == null) {
            List<String> remotes = endpoint.remotes();
            String msg = "--peer-entity NAME is needed: " + keyringName + " has " + remotes.size()
                    + " peers for entity " + endpoint.entity() + " (" + String.join(", ", remotes) + ")";
            return (remote, timeout) -> {
                throw new IsclException(IsclError.UNKNOWN_ENTITY, msg);
            };
        }
        return endpoint.connector();
    }

    String describe() {
        return endpoint.describe();
    }
}
