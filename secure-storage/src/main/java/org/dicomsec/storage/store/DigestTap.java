package org.dicomsec.storage.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through and, once {@link #start()} is called, feeds them to SHA-256. */
final class DigestTap extends FilterOutputStream {

    private final MessageDigest md;
    private boolean on;

    DigestTap(OutputStream out) {
        super(out);
        this.md = sha256();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    void start() {
        on = true;
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (on) {
            md.update((byte) b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (on) {
            md.update(b, off, len);
        }
    }
}
