package org.dicomsec.ul.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference figure of a crypto row ({@link CryptoThroughput}): {@code openssl speed -mr -evp CIPHER -bytes 16384
 * -seconds 1} on the same machine, when an {@code openssl} is on the PATH. Like the crypto rows,
 * openssl speed counts CPU time (of its process) unless told otherwise, so the two columns
 * compare even on a busy machine. Anything unexpected (no openssl, a cipher it lacks, output
 * it does not recognise) leaves the column empty: a missing reference is better than a wrong one.
 */
public final class OpenSslSpeed {

    /** openssl's names of the row ciphers it has in its default provider (single DES is "legacy"). */
    public static final Map<String, String> CIPHERS = Map.of(
            "AES-128-GCM", "aes-128-gcm",
            "AES-256-GCM", "aes-256-gcm",
            "ChaCha20-Poly1305", "chacha20-poly1305",
            "3DES-CBC", "des-ede3-cbc");

    /** -mr's result line: "+R:OPS:NAME:SECONDS" (apps/speed.c, machine-readable output). */
    private static final Pattern MR_RESULT = Pattern.compile("^\\+R:(\\d+):[^:]+:([0-9.]+)\\s*$", Pattern.MULTILINE);
    /** The human line, as a fallback: "Doing NAME ops for 1s on 16384 size blocks: OPS NAME ops in 1.00s". */
    private static final Pattern HUMAN_RESULT = Pattern.compile(
            "on (\\d+) size blocks: (\\d+) \\S+ ops in ([0-9.]+)s", Pattern.MULTILINE);

    private final Path openssl;
    private final Map<String, OptionalDouble> measured = new HashMap<>();

    private OpenSslSpeed(Path openssl) {
        this.openssl = openssl;
    }

    /** The openssl at {@code path} (tests). */
    public static OpenSslSpeed at(Path path) {
        return new OpenSslSpeed(path);
    }

    /** The openssl on the PATH, if any. */
    public static Optional<OpenSslSpeed> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "openssl");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(new OpenSslSpeed(p));
            }
        }
        return Optional.empty();
    }

    /** openssl speed's MB/s for the row named {@code rowName} (once per cipher), or empty. */
    public OptionalDouble megabytesPerSecond(String rowName) {
        String cipher = CIPHERS.get(rowName);
        if (cipher == null) {
            return OptionalDouble.empty();
        }
        return measured.computeIfAbsent(cipher, this::run);
    }

    /** The first line of {@code openssl version}, or the path when that says nothing. */
    public String version() {
        try {
            Process p = new ProcessBuilder(openssl.toString(), "version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(4096);
            }
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String line = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
                if (!line.isEmpty()) {
                    return line;
                }
            } else {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // the path then
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return openssl.toString();
    }

    private OptionalDouble run(String cipher) {
        ProcessBuilder pb = new ProcessBuilder(openssl.toString(), "speed", "-mr", "-evp", cipher,
                "-bytes", Integer.toString(CryptoThroughput.BUFFER), "-seconds", "1").redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                // bounded: speed prints some hundred bytes; the process ends after about a second
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return OptionalDouble.empty();
            }
            if (p.exitValue() != 0) {
                return OptionalDouble.empty();
            }
            return parse(new String(out, StandardCharsets.UTF_8), CryptoThroughput.BUFFER);
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /**
     * MB/s (10^6 bytes per second) from openssl speed's output for blocks of {@code bytes}: the
     * machine-readable result line, else the human one; empty when neither is there or the figures
     * make no sense (no operations, no time).
     */
    public static OptionalDouble parse(String output, int bytes) {
        Matcher m = MR_RESULT.matcher(output);
        if (m.find()) {
            return rate(m.group(1), m.group(2), bytes);
        }
        Matcher h = HUMAN_RESULT.matcher(output);
        while (h.find()) {
            if (Integer.parseInt(h.group(1)) == bytes) {
                return rate(h.group(2), h.group(3), bytes);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble rate(String ops, String seconds, int bytes) {
        try {
            double n = Double.parseDouble(ops);
            double s = Double.parseDouble(seconds);
            if (n > 0 && s > 0 && Double.isFinite(n / s)) {
                return OptionalDouble.of(n * bytes / s / 1e6);
            }
        } catch (NumberFormatException e) {
            // not a figure: no reference
        }
        return OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "openssl (%s)", openssl);
    }
}
