package org.dicomsec.iscl.keys;

import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.dicomsec.iscl.crypto.DesKey;

/**
 * The seven session values of docs/iscl-wire-format.md section 6.3: per
 * direction a DES-CBC key, a record MAC key and the MD5+DES random number N,
 * and the key of the AUTH-RESULT confirmation (used for nothing else).
 */
public final class SessionKeys implements Destroyable {

    /** The keys of one direction. */
    public static final class Direction {
        private final DesKey enc;
        private final DesKey mac;
        private final byte[] random;

        public Direction(DesKey enc, DesKey mac, byte[] random) {
            this.enc = enc;
            this.mac = mac;
            this.random = random.clone();
        }

        public DesKey enc() {
            return enc;
        }

        public DesKey mac() {
            return mac;
        }

        /** A copy of N. */
        public byte[] random() {
            return random.clone();
        }

        void destroy() {
            enc.destroy();
            mac.destroy();
            Arrays.fill(random, (byte) 0);
        }

        @Override
        public String toString() {
            return "Direction[enc=" + enc + ", mac=" + mac + "]";
        }
    }

    private final Direction aToB;
    private final Direction bToA;
    private final DesKey confirmation;
    private boolean destroyed;

    /**
     * @param confirmation K_conf: the DES-MAC key of the AUTH-RESULT confirmation (section 5.7),
     *                     never a record key
     */
    public SessionKeys(Direction aToB, Direction bToA, DesKey confirmation) {
        this.aToB = aToB;
        this.bToA = bToA;
        this.confirmation = confirmation;
    }

    /** K_conf, the key of the AUTH-RESULT confirmation only. */
    public DesKey confirmation() {
        return confirmation;
    }

    public Direction aToB() {
        return aToB;
    }

    public Direction bToA() {
        return bToA;
    }

    /** Keys for the records {@code role} sends. */
    public Direction sending(Role role) {
        return role == Role.INITIATOR ? aToB : bToA;
    }

    /** Keys for the records {@code role} receives. */
    public Direction receiving(Role role) {
        return role == Role.INITIATOR ? bToA : aToB;
    }

    @Override
    public void destroy() {
        destroyed = true;
        aToB.destroy();
        bToA.destroy();
        confirmation.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SessionKeys[A>B " + aToB + ", B>A " + bToA + "]";
    }
}
