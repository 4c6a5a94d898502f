package org.dicomsec.iscl.engine;

import org.dicomsec.iscl.IntegrityMechanism;
import org.dicomsec.iscl.PrivacyMechanism;
import org.dicomsec.iscl.crypto.DesBlock;
import org.dicomsec.iscl.crypto.DesMac;
import org.dicomsec.iscl.crypto.Md5Des;
import org.dicomsec.iscl.crypto.Md5Order;
import org.dicomsec.iscl.keys.SessionKeys;

/**
 * The cryptography of one direction of records (docs/iscl-wire-format.md
 * section 8): the tag T over M = seq || type || flags || uint32 len || payload
 * in any of the three forms, and DES-CBC with IV = DES_Kenc(seq).
 */
final class RecordProtection {

    /** Flags bit 2: DES-CBC privacy applied. */
    static final int FLAG_PRIVACY = 0x04;
    /** Flags bits 0-1: tag form. */
    static final int FORM_MASK = 0x03;
    static final int FORM_DES_MAC = 0;

    private final IntegrityMechanism integrity;
    private final boolean privacy;
    private final DesMac desMac;
    private final Md5Des md5Des;
    private final DesBlock enc;
    private final byte[] pseudo = new byte[14];

    RecordProtection(SessionKeys.Direction keys, IntegrityMechanism integrity, PrivacyMechanism privacy) {
        this.integrity = integrity;
        this.privacy = privacy == PrivacyMechanism.DES_CBC;
        this.desMac = integrity == IntegrityMechanism.DES_MAC ? new DesMac(keys.mac()) : null;
        byte[] n = keys.random();
        this.md5Des = integrity == IntegrityMechanism.MD5_DES ? new Md5Des(keys.mac(), n) : null;
        java.util.Arrays.fill(n, (byte) 0);
        this.enc = this.privacy ? new DesBlock(keys.enc()) : null;
    }

    int tagSize() {
        return integrity.tagSize();
    }

    boolean privacy() {
        return privacy;
    }

    /** Record flags for a sender whose MD5 order is {@code order}. */
    int sendFlags(Md5Order order) {
        int form = integrity == IntegrityMechanism.DES_MAC ? FORM_DES_MAC : order.code();
        return form | (privacy ? FLAG_PRIVACY : 0);
    }

    /**
     * True when a receiver accepts these flags under the negotiation (section 8.3): the privacy bit
     * as negotiated, form 0 under DES-MAC, and under MD5+DES exactly the order the sender announced
     * in its LINE-CONNECT-RQ or -AC.
     */
    boolean acceptsFlags(int flags, Md5Order announced) {
        if ((flags & ~(FORM_MASK | FLAG_PRIVACY)) != 0 || ((flags & FLAG_PRIVACY) != 0) != privacy) {
            return false;
        }
        int form = flags & FORM_MASK;
        return integrity == IntegrityMechanism.DES_MAC ? form == FORM_DES_MAC : form == announced.code();
    }

    /** Computes T of the record into {@code out[outOff]}; the payload is in plain text. */
    void tag(long seq, int type, int flags, byte[] payload, int off, int len, byte[] out, int outOff) {
        for (int i = 0; i < 8; i++) {
            pseudo[i] = (byte) (seq >>> (56 - 8 * i));
        }
        pseudo[8] = (byte) type;
        pseudo[9] = (byte) flags;
        pseudo[10] = (byte) (len >>> 24);
        pseudo[11] = (byte) (len >>> 16);
        pseudo[12] = (byte) (len >>> 8);
        pseudo[13] = (byte) len;
        int form = flags & FORM_MASK;
        if (form == FORM_DES_MAC) {
            desMac.update(pseudo, 0, pseudo.length);
            desMac.update(payload, off, len);
            desMac.doFinal(out, outOff);
        } else {
            Md5Order order = Md5Order.ofCode(form);
            md5Des.begin(order, seq);
            md5Des.update(pseudo, 0, pseudo.length);
            md5Des.update(payload, off, len);
            md5Des.doFinal(order, out, outOff);
        }
    }

    /** IV of record {@code seq}: DES_Kenc(uint64 seq). */
    private byte[] iv(long seq) {
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (seq >>> (56 - 8 * i));
        }
        enc.encrypt(iv, 0, iv, 0);
        return iv;
    }

    void encrypt(long seq, byte[] buf, int off, int len) {
        enc.cbcEncrypt(iv(seq), buf, off, len);
    }

    void decrypt(long seq, byte[] buf, int off, int len) {
        enc.cbcDecrypt(iv(seq), buf, off, len);
    }
}
