package org.dicomsec.iscl.keys;

import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.dicomsec.iscl.crypto.DesKey;

/**
 * The six session values of docs/iscl-wire-format.md section 6.3: per
 * direction a DES-CBC key, a MAC key and the MD5+DES random number N.
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
    private boolean destroyed;

    public SessionKeys(Direction aToB, Direction bToA) {
        this.aToB = aToB;
        this.bToA = bToA;
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
