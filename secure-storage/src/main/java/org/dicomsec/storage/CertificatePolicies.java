package org.dicomsec.storage;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy identifiers of the certificatePolicies extension
 * (RFC 5280 4.2.1.4, OID 2.5.29.32) of a certificate with a minimal DER
 * reader (X.690 8.1, 8.19): the JDK exposes the extension only as bytes.
 *
 * <pre>
 * certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 * PolicyInformation ::= SEQUENCE { policyIdentifier OBJECT IDENTIFIER,
 *                                  policyQualifiers SEQUENCE OF ... OPTIONAL }
 * </pre>
 * Every length is checked against its enclosing length before use.
 */
public final class CertificatePolicies {

    /** The extension's OID. */
    public static final String OID = "2.5.29.32";

    private static final int MAX_EXTENSION = 64 * 1024;

    private CertificatePolicies() {
    }

    /** The policy OIDs of the certificate; empty when it has no certificatePolicies extension. */
    public static List<String> of(X509Certificate cert) throws CertificateParsingException {
        byte[] ext = cert.getExtensionValue(OID);
        if (ext == null) {
            return List.of();
        }
        if (ext.length > MAX_EXTENSION) {
            throw new CertificateParsingException("certificatePolicies extension of " + ext.length + " bytes");
        }
        // getExtensionValue returns the extnValue OCTET STRING itself
        Der outer = new Der(ext, 0, ext.length);
        int[] octets = outer.expect(0x04);
        return parse(ext, octets[0], octets[1]);
    }

    /** The policy OIDs in the DER encoding of a certificatePolicies value (the content of extnValue). */
    public static List<String> parse(byte[] der, int off, int end) throws CertificateParsingException {
        Der d = new Der(der, off, end);
        int[] seq = d.expect(0x30);
        d.requireEnd(seq[1]);
        List<String> oids = new ArrayList<>();
        Der policies = new Der(der, seq[0], seq[1]);
        while (!policies.atEnd()) {
            int[] info = policies.expect(0x30);
            Der pi = new Der(der, info[0], info[1]);
            int[] oid = pi.expect(0x06);
            oids.add(decodeOid(der, oid[0], oid[1]));
            // policyQualifiers, if any, are not needed
        }
        if (oids.isEmpty()) {
            throw new CertificateParsingException("certificatePolicies is SIZE (1..MAX), found an empty SEQUENCE");
        }
        return List.copyOf(oids);
    }

    /** X.690 8.19: the dotted form of an OBJECT IDENTIFIER's content octets. */
    static String decodeOid(byte[] b, int off, int end) throws CertificateParsingException {
        if (off >= end) {
            throw new CertificateParsingException("empty OBJECT IDENTIFIER at offset " + off);
        }
        StringBuilder sb = new StringBuilder();
        BigInteger v = BigInteger.ZERO;
        boolean first = true;
        int start = off;
        for (int i = off; i < end; i++) {
            int x = b[i] & 0xFF;
            if (i == start && x == 0x80) {
                throw new CertificateParsingException("OID subidentifier with leading 0x80 at offset " + i);
            }
            v = v.shiftLeft(7).or(BigInteger.valueOf(x & 0x7F));
            if ((x & 0x80) == 0) {
                if (first) {
                    // 8.19.4: the first subidentifier is 40 * X + Y, X in 0..2
                    int x0 = v.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : v.intValue() / 40;
                    sb.append(x0).append('.').append(v.subtract(BigInteger.valueOf(40L * x0)));
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = BigInteger.ZERO;
                start = i + 1;
            } else if (i == end - 1) {
                throw new CertificateParsingException("OID ends inside a subidentifier at offset " + i);
            }
        }
        return sb.toString();
    }

    /** A cursor over DER TLVs between {@code pos} and {@code end}. */
    private static final class Der {
        private final byte[] b;
        private int pos;
        private final int end;

        Der(byte[] b, int pos, int end) throws CertificateParsingException {
            if (pos < 0 || end > b.length || pos > end) {
                throw new CertificateParsingException("DER range " + pos + ".." + end + " outside " + b.length);
            }
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean atEnd() {
            return pos >= end;
        }

        void requireEnd(int at) throws CertificateParsingException {
            if (at != end) {
                throw new CertificateParsingException("trailing bytes after offset " + at);
            }
        }

        /** Reads a TLV with this tag; returns {contentStart, contentEnd} and moves past it. */
        int[] expect(int tag) throws CertificateParsingException {
            if (pos + 2 > end) {
                throw new CertificateParsingException("truncated DER at offset " + pos);
            }
            int t = b[pos] & 0xFF;
            if (t != tag) {
                throw new CertificateParsingException(String.format("expected DER tag %02X, found %02X at offset %d",
                        tag, t, pos));
            }
            int p = pos + 1;
            int len = b[p++] & 0xFF;
            if (len == 0x80) {
                throw new CertificateParsingException("indefinite length is not DER, at offset " + pos);
            }
            if (len > 0x80) {
                int n = len & 0x7F;
                if (n > 3 || p + n > end) {
                    throw new CertificateParsingException("bad DER length of " + n + " octets at offset " + pos);
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xFF);
                }
            }
            if (len > end - p) {
                throw new CertificateParsingException("DER length " + len + " at offset " + pos
                        + " exceeds the enclosing " + (end - p) + " bytes");
            }
            pos = p + len;
            return new int[] {p, p + len};
        }
    }
}
