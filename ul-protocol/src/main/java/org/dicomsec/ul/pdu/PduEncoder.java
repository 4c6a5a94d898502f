package org.dicomsec.ul.pdu;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes PDUs in the layout of PS3.8 section 9.3 (big endian, reserved fields as 00H).
 * <p>
 * {@link #encode(Pdu, byte[], int)} writes into the caller's buffer and allocates nothing;
 * {@link #write(Pdu, OutputStream)} reuses one buffer owned by this encoder (one encoder per
 * association; not thread-safe). For streaming a data set, {@link PDataWriter} writes the
 * P-DATA-TF header in front of data already in its buffer.
 */
public final class PduEncoder {
    private byte[] scratch;

    /** An encoder with a 16 KiB initial scratch buffer (grows as needed). */
    public PduEncoder() {
        scratch = new byte[16 * 1024];
    }

    /** Encodes {@code pdu} into the reusable buffer and writes it with one call. */
    public void write(Pdu pdu, OutputStream out) throws IOException {
        int n = length(pdu);
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        encode(pdu, scratch, 0);
        out.write(scratch, 0, n);
    }

    /** Encodes into a new array (convenience, allocates). */
    public static byte[] toBytes(Pdu pdu) {
        byte[] b = new byte[length(pdu)];
        encode(pdu, b, 0);
        return b;
    }

    /**
     * Total encoded length of {@code pdu} including its 6-byte header.
     *
     * @throws IllegalArgumentException if an item does not fit its 16-bit length field
     *                                  or the PDU does not fit a Java array
     */
    public static int length(Pdu pdu) {
        long body = switch (pdu.pduType()) {
            case PduType.A_ASSOCIATE_RQ -> {
                AAssociateRq rq = (AAssociateRq) pdu;
                long n = 68 + item(appContextLength(rq.applicationContext()));
                for (int i = 0; i < rq.presentationContexts().size(); i++) {
                    n += item(pcRqLength(rq.presentationContexts().get(i)));
                }
                yield n + item(userInfoLength(rq.userInformation())) + unknownLength(rq.unknownItems());
            }
            case PduType.A_ASSOCIATE_AC -> {
                AAssociateAc ac = (AAssociateAc) pdu;
                long n = 68 + item(appContextLength(ac.applicationContext()));
                for (int i = 0; i < ac.presentationContexts().size(); i++) {
                    n += item(pcAcLength(ac.presentationContexts().get(i)));
                }
                yield n + item(userInfoLength(ac.userInformation())) + unknownLength(ac.unknownItems());
            }
            case PduType.P_DATA_TF -> ((PDataTf) pdu).variableFieldLength();
            default -> 4;
        };
        if (body > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("PDU too long: " + body);
        }
        return (int) body + PduType.HEADER_LENGTH;
    }

    /**
     * Encodes {@code pdu} at {@code off}; the caller's buffer must hold {@link #length(Pdu)} bytes.
     *
     * @return the offset after the PDU
     */
    public static int encode(Pdu pdu, byte[] b, int off) {
        int total = length(pdu);
        if (off < 0 || b.length - off < total) {
            throw new IndexOutOfBoundsException("buffer too small for " + PduType.name(pdu.pduType()) + ": " + total);
        }
        b[off] = (byte) pdu.pduType();
        b[off + 1] = 0; // PS3.8 9.3.x: reserved, sent as 00H
        Bytes.put32(b, off + 2, total - PduType.HEADER_LENGTH);
        int p = off + PduType.HEADER_LENGTH;
        switch (pdu.pduType()) {
            case PduType.A_ASSOCIATE_RQ -> {
                AAssociateRq rq = (AAssociateRq) pdu;
                p = writeFixed(b, p, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
                p = writeAppContext(b, p, rq.applicationContext());
                for (int i = 0; i < rq.presentationContexts().size(); i++) {
                    p = writePcRq(b, p, rq.presentationContexts().get(i));
                }
                p = writeUserInfo(b, p, rq.userInformation());
                p = writeUnknown(b, p, rq.unknownItems());
            }
            case PduType.A_ASSOCIATE_AC -> {
                AAssociateAc ac = (AAssociateAc) pdu;
                p = writeFixed(b, p, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
                p = writeAppContext(b, p, ac.applicationContext());
                for (int i = 0; i < ac.presentationContexts().size(); i++) {
                    p = writePcAc(b, p, ac.presentationContexts().get(i));
                }
                p = writeUserInfo(b, p, ac.userInformation());
                p = writeUnknown(b, p, ac.unknownItems());
            }
            case PduType.A_ASSOCIATE_RJ -> {
                AAssociateRj rj = (AAssociateRj) pdu;
                b[p] = 0; // PS3.8 table 9-21 byte 7: reserved
                b[p + 1] = (byte) rj.result();
                b[p + 2] = (byte) rj.source();
                b[p + 3] = (byte) rj.reason();
                p += 4;
            }
            case PduType.P_DATA_TF -> {
                List<PresentationDataValue> values = ((PDataTf) pdu).values();
                for (int i = 0; i < values.size(); i++) {
                    PresentationDataValue v = values.get(i);
                    byte[] d = v.raw();
                    Bytes.put32(b, p, 2L + d.length);
                    b[p + 4] = (byte) v.presentationContextId();
                    b[p + 5] = (byte) v.messageControlHeader();
                    System.arraycopy(d, 0, b, p + 6, d.length);
                    p += 6 + d.length;
                }
            }
            case PduType.A_ABORT -> {
                AAbort a = (AAbort) pdu;
                b[p] = 0; // PS3.8 table 9-26 bytes 7-8: reserved
                b[p + 1] = 0;
                b[p + 2] = (byte) a.source();
                b[p + 3] = (byte) a.reason();
                p += 4;
            }
            default -> { // A-RELEASE-RQ/RP: PS3.8 tables 9-24/9-25 bytes 7-10 reserved
                Bytes.put32(b, p, 0);
                p += 4;
            }
        }
        assert p == off + total;
        return p;
    }

    // ---- lengths (item value lengths, without the 4-byte item header) ----

    private static long item(long valueLength) {
        if (valueLength > 0xFFFF) {
            throw new IllegalArgumentException("item value longer than 65535 bytes: " + valueLength);
        }
        return 4 + valueLength;
    }

    private static long appContextLength(ApplicationContextItem a) {
        return a.name().length();
    }

    private static long pcRqLength(PresentationContextRqItem pc) {
        long n = 4 + item(pc.abstractSyntax().name().length());
        for (int i = 0; i < pc.transferSyntaxes().size(); i++) {
            n += item(pc.transferSyntaxes().get(i).name().length());
        }
        return n;
    }

    private static long pcAcLength(PresentationContextAcItem pc) {
        return 4 + (pc.transferSyntax() == null ? 0 : item(pc.transferSyntax().name().length()));
    }

    private static long userInfoLength(UserInformationItem ui) {
        long n = 0;
        for (int i = 0; i < ui.subItems().size(); i++) {
            n += item(subItemLength(ui.subItems().get(i)));
        }
        return n;
    }

    private static long unknownLength(List<UnknownItem> items) {
        long n = 0;
        for (int i = 0; i < items.size(); i++) {
            n += item(items.get(i).raw().length);
        }
        return n;
    }

    static long subItemLength(UserInformationSubItem s) {
        if (s instanceof MaximumLength) {
            return 4;
        } else if (s instanceof ImplementationClassUid u) {
            return u.uid().length();
        } else if (s instanceof AsynchronousOperationsWindow) {
            return 4;
        } else if (s instanceof ScpScuRoleSelection r) {
            return 4L + r.sopClassUid().length();
        } else if (s instanceof ImplementationVersionName v) {
            return v.name().length();
        } else if (s instanceof SopClassExtendedNegotiation e) {
            return 2L + e.sopClassUid().length() + e.rawInfo().length;
        } else if (s instanceof SopClassCommonExtendedNegotiation c) {
            long n = 6L + c.sopClassUid().length() + c.serviceClassUid().length();
            for (String r : c.relatedGeneralSopClassUids()) {
                n += 2 + r.length();
            }
            return n;
        } else if (s instanceof UserIdentityRq u) {
            return 6L + u.rawPrimary().length + u.rawSecondary().length;
        } else if (s instanceof UserIdentityAc u) {
            return 2L + u.raw().length;
        } else {
            return ((UnknownSubItem) s).raw().length;
        }
    }

    // ---- writers ----

    private static int header(byte[] b, int p, int type, long length) {
        b[p] = (byte) type;
        b[p + 1] = 0; // PS3.8 9.3.2.x: reserved, sent as 00H
        Bytes.put16(b, p + 2, (int) length);
        return p + 4;
    }

    private static int writeFixed(byte[] b, int p, int version, String called, String calling) {
        Bytes.put16(b, p, version);
        Bytes.put16(b, p + 2, 0); // PS3.8 table 9-11 bytes 9-10: reserved
        AeTitle.write(b, p + 4, called);
        AeTitle.write(b, p + 20, calling);
        java.util.Arrays.fill(b, p + 36, p + 68, (byte) 0); // bytes 43-74: reserved
        return p + 68;
    }

    private static int writeAppContext(byte[] b, int p, ApplicationContextItem a) {
        p = header(b, p, ApplicationContextItem.ITEM_TYPE, a.name().length());
        return Bytes.putLatin1(b, p, a.name());
    }

    private static int writePcRq(byte[] b, int p, PresentationContextRqItem pc) {
        p = header(b, p, PresentationContextRqItem.ITEM_TYPE, pcRqLength(pc));
        b[p] = (byte) pc.id();
        b[p + 1] = 0; // PS3.8 table 9-13 bytes 6-8: reserved
        b[p + 2] = 0;
        b[p + 3] = 0;
        p += 4;
        p = header(b, p, AbstractSyntaxSubItem.ITEM_TYPE, pc.abstractSyntax().name().length());
        p = Bytes.putLatin1(b, p, pc.abstractSyntax().name());
        for (int i = 0; i < pc.transferSyntaxes().size(); i++) {
            String ts = pc.transferSyntaxes().get(i).name();
            p = header(b, p, TransferSyntaxSubItem.ITEM_TYPE, ts.length());
            p = Bytes.putLatin1(b, p, ts);
        }
        return p;
    }

    private static int writePcAc(byte[] b, int p, PresentationContextAcItem pc) {
        p = header(b, p, PresentationContextAcItem.ITEM_TYPE, pcAcLength(pc));
        b[p] = (byte) pc.id();
        b[p + 1] = 0; // PS3.8 table 9-18 byte 6: reserved
        b[p + 2] = (byte) pc.result();
        b[p + 3] = 0; // byte 8: reserved
        p += 4;
        if (pc.transferSyntax() != null) {
            String ts = pc.transferSyntax().name();
            p = header(b, p, TransferSyntaxSubItem.ITEM_TYPE, ts.length());
            p = Bytes.putLatin1(b, p, ts);
        }
        return p;
    }

    private static int writeUserInfo(byte[] b, int p, UserInformationItem ui) {
        p = header(b, p, UserInformationItem.ITEM_TYPE, userInfoLength(ui));
        for (int i = 0; i < ui.subItems().size(); i++) {
            p = writeSubItem(b, p, ui.subItems().get(i));
        }
        return p;
    }

    private static int writeUnknown(byte[] b, int p, List<UnknownItem> items) {
        for (int i = 0; i < items.size(); i++) {
            UnknownItem u = items.get(i);
            p = header(b, p, u.type(), u.raw().length);
            System.arraycopy(u.raw(), 0, b, p, u.raw().length);
            p += u.raw().length;
        }
        return p;
    }

    private static int writeSubItem(byte[] b, int p, UserInformationSubItem s) {
        p = header(b, p, s.itemType(), subItemLength(s));
        if (s instanceof MaximumLength m) {
            Bytes.put32(b, p, m.maximumLength());
            return p + 4;
        } else if (s instanceof ImplementationClassUid u) {
            return Bytes.putLatin1(b, p, u.uid());
        } else if (s instanceof AsynchronousOperationsWindow w) {
            Bytes.put16(b, p, w.maxOperationsInvoked());
            Bytes.put16(b, p + 2, w.maxOperationsPerformed());
            return p + 4;
        } else if (s instanceof ScpScuRoleSelection r) {
            Bytes.put16(b, p, r.sopClassUid().length());
            p = Bytes.putLatin1(b, p + 2, r.sopClassUid());
            b[p] = (byte) r.scuRole();
            b[p + 1] = (byte) r.scpRole();
            return p + 2;
        } else if (s instanceof ImplementationVersionName v) {
            return Bytes.putLatin1(b, p, v.name());
        } else if (s instanceof SopClassExtendedNegotiation e) {
            Bytes.put16(b, p, e.sopClassUid().length());
            p = Bytes.putLatin1(b, p + 2, e.sopClassUid());
            System.arraycopy(e.rawInfo(), 0, b, p, e.rawInfo().length);
            return p + e.rawInfo().length;
        } else if (s instanceof SopClassCommonExtendedNegotiation c) {
            b[p - 3] = (byte) c.subItemVersion(); // PS3.7 table D.3-12 byte 2: Sub-item-version
            Bytes.put16(b, p, c.sopClassUid().length());
            p = Bytes.putLatin1(b, p + 2, c.sopClassUid());
            Bytes.put16(b, p, c.serviceClassUid().length());
            p = Bytes.putLatin1(b, p + 2, c.serviceClassUid());
            int related = 0;
            for (String r : c.relatedGeneralSopClassUids()) {
                related += 2 + r.length();
            }
            Bytes.put16(b, p, related);
            p += 2;
            for (String r : c.relatedGeneralSopClassUids()) {
                Bytes.put16(b, p, r.length());
                p = Bytes.putLatin1(b, p + 2, r);
            }
            return p;
        } else if (s instanceof UserIdentityRq u) {
            b[p] = (byte) u.userIdentityType();
            b[p + 1] = (byte) u.positiveResponseRequested();
            Bytes.put16(b, p + 2, u.rawPrimary().length);
            System.arraycopy(u.rawPrimary(), 0, b, p + 4, u.rawPrimary().length);
            p += 4 + u.rawPrimary().length;
            Bytes.put16(b, p, u.rawSecondary().length);
            System.arraycopy(u.rawSecondary(), 0, b, p + 2, u.rawSecondary().length);
            return p + 2 + u.rawSecondary().length;
        } else if (s instanceof UserIdentityAc u) {
            Bytes.put16(b, p, u.raw().length);
            System.arraycopy(u.raw(), 0, b, p + 2, u.raw().length);
            return p + 2 + u.raw().length;
        } else {
            byte[] v = ((UnknownSubItem) s).raw();
            System.arraycopy(v, 0, b, p, v.length);
            return p + v.length;
        }
    }
}
