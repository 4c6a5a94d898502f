package org.dicomsec.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The files a TLS configuration is read from, as an operator names them in a command line or a
 * configuration file: the own key and certificate chain (a PEM key with its PEM chain, or one
 * PKCS#12 file), the trust anchors (PEM bundles or PKCS#12 trust stores) and the CRLs (PEM).
 * {@link #applyTo} checks each file before it reads it, so that an operator's mistake (a missing
 * file, a folder, a file that cannot be read, a PKCS#12 file without its password) is a
 * {@link FileRefused} naming the file, and returns one line for a log that never shows the
 * password.
 *
 * <pre>{@code
 * TlsFiles files = new TlsFiles(Path.of("node.key"), Path.of("node.pem"), null,
 *         List.of(Path.of("ca.pem")), List.of());
 * TlsConfig.Builder b = TlsConfig.builder().profile(TlsProfile.BCP195_ND);
 * log.info(files.applyTo(b, null));    // own key node.key node.pem, trust 1 CA(s) from ca.pem
 * TlsConfig config = b.build();
 * }</pre>
 *
 * @param key         the own private key, PEM (PKCS#8, PKCS#1 or SEC 1), given with
 *                    {@code certificate}; null for none
 * @param certificate the own certificate chain, PEM, leaf first, given with {@code key}; null for none
 * @param pkcs12      the own key and chain as one PKCS#12 file (instead of {@code key} and
 *                    {@code certificate}; needs the password); null for none
 * @param trust       the trust anchors: PEM bundles of CA certificates, or PKCS#12 trust stores
 *                    (by the name's ending .p12 or .pfx; they need the password)
 * @param crls        certificate revocation lists, PEM
 */
public record TlsFiles(Path key, Path certificate, Path pkcs12, List<Path> trust, List<Path> crls) {

    /** Which of the files a {@link FileRefused} is about. */
    public enum Part {
        /** {@link TlsFiles#key()}. */
        KEY("own private key"),
        /** {@link TlsFiles#certificate()}. */
        CERTIFICATE("own certificate chain"),
        /** {@link TlsFiles#pkcs12()}. */
        PKCS12("own PKCS#12 file"),
        /** One of {@link TlsFiles#trust()}. */
        TRUST("trust anchors"),
        /** One of {@link TlsFiles#crls()}. */
        CRL("CRL file");

        private final String text;

        Part(String text) {
            this.text = text;
        }

        /** How messages name the part ("own private key"). */
        public String text() {
            return text;
        }
    }

    /** Why a file was refused before it was read. */
    public enum Problem {
        /** Nothing exists under the name. */
        NO_SUCH_FILE("no such file"),
        /** The name is a folder's. */
        DIRECTORY("is a directory, not a file"),
        /** The file exists but this process may not read it. */
        NOT_READABLE("cannot read the file: permission denied"),
        /** A PKCS#12 file (own key or trust store) and no password given. */
        PASSWORD_NEEDED("needs its password");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        /** The problem in a few words, as messages end ("no such file"). */
        public String text() {
            return text;
        }
    }

    /**
     * A file refused before anything was read from it. The message is one line, the part, the
     * file and the problem: {@code own private key /etc/dicom/node.key: no such file}.
     */
    public static final class FileRefused extends IOException {
        private static final long serialVersionUID = 1L;

        private final Part part;
        private final transient Path file;
        private final Problem problem;

        /**
         * @param part    which of the files it is
         * @param file    the file as named
         * @param problem why it was refused
         */
        public FileRefused(Part part, Path file, Problem problem) {
            super(part.text() + " " + file + ": " + problem.text());
            this.part = part;
            this.file = file;
            this.problem = problem;
        }

        /** Which of the files it is. */
        public Part part() {
            return part;
        }

        /** The file as named. */
        public Path file() {
            return file;
        }

        /** Why it was refused. */
        public Problem problem() {
            return problem;
        }
    }

    /**
     * Checks the combination and copies the lists.
     *
     * @throws IllegalArgumentException for a key without its certificate chain or the reverse, a
     *                                  PKCS#12 file beside them, or a null list or list element
     */
    public TlsFiles {
        if ((key == null) != (certificate == null)) {
            throw new IllegalArgumentException("a PEM private key and its certificate chain go together");
        }
        if (pkcs12 != null && key != null) {
            throw new IllegalArgumentException("the own key as a PKCS#12 file or as PEM key and chain, not both");
        }
        trust = List.copyOf(Objects.requireNonNull(trust, "trust"));
        crls = List.copyOf(Objects.requireNonNull(crls, "crls"));
    }

    /**
     * Reads the files into {@code b} in this order: the own key and chain, each trust anchor file,
     * each CRL file; each file is checked before it is read. On an exception the builder may hold
     * what was read before: discard it.
     *
     * @param b        the builder to set the own key on and to add the trust anchors and CRLs to
     * @param password the password of the PKCS#12 files (own key, trust stores), or null when there
     *                 is none; not kept: the caller clears it afterwards
     * @return one line for a log: the own key's files (or "no own certificate"), the number of trust
     *         anchors and their files, the CRL files; never the password
     * @throws FileRefused a file is missing, a folder or unreadable, or a PKCS#12 file has no password
     * @throws IOException a file's content could not be read (the message names the file): not PEM
     *                     or PKCS#12, a wrong password, a key that does not match its certificate
     */
    public String applyTo(TlsConfig.Builder b, char[] password) throws IOException {
        List<String> parts = new ArrayList<>();
        if (pkcs12 != null) {
            b.keyPkcs12(check(Part.PKCS12, pkcs12), needPassword(Part.PKCS12, pkcs12, password));
            parts.add("own key " + pkcs12);
        } else if (key != null) {
            b.keyPem(check(Part.KEY, key), check(Part.CERTIFICATE, certificate));
            parts.add("own key " + key + " " + certificate);
        } else {
            parts.add("no own certificate");
        }
        int anchors = 0;
        for (Path f : trust) {
            check(Part.TRUST, f);
            var list = KeyStores.trustAnchors(f, KeyStores.isPkcs12(f) ? needPassword(Part.TRUST, f, password) : null);
            b.trustAnchors(list);
            anchors += list.size();
        }
        if (anchors > 0) {
            parts.add("trust " + anchors + " CA(s) from " + joined(trust));
        }
        for (Path c : crls) {
            b.crlPem(check(Part.CRL, c));
        }
        if (!crls.isEmpty()) {
            parts.add("CRLs " + joined(crls));
        }
        return String.join(", ", parts);
    }

    /** {@code file}, once it is known to be a readable file (not a folder). */
    private static Path check(Part part, Path file) throws FileRefused {
        if (Files.isDirectory(file)) {
            throw new FileRefused(part, file, Problem.DIRECTORY);
        }
        if (!Files.exists(file)) {
            throw new FileRefused(part, file, Problem.NO_SUCH_FILE);
        }
        if (!Files.isReadable(file)) {
            throw new FileRefused(part, file, Problem.NOT_READABLE);
        }
        return file;
    }

    private static char[] needPassword(Part part, Path file, char[] password) throws FileRefused {
        if (password == null) {
            throw new FileRefused(part, file, Problem.PASSWORD_NEEDED);
        }
        return password;
    }

    private static String joined(List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
