package org.dicomsec.ul.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The openssl speed reference of the crypto rows: parsed when it is a figure, left out otherwise. */
class OpenSslSpeedTest {

    /** openssl speed's output as 3.0 prints it, with -mr and without, and what is not a figure. */
    @Test
    void opensslOutputIsParsedOrLeftOut() {
        String mr = "+DT:AES-128-GCM:1:16384\n+R:23662:AES-128-GCM:0.110000\n+H:16384\n+F:25:AES-128-GCM:3524347345.45\n";
        assertEquals(23662.0 * 16384 / 0.11 / 1e6, OpenSslSpeed.parse(mr, 16384).getAsDouble(), 1e-6);
        String human = "Doing AES-256-GCM ops for 1s on 16384 size blocks: 250000 AES-256-GCM ops in 1.00s\n"
                + "version: 3.0.19\nThe 'numbers' are in 1000s of bytes per second processed.\n"
                + "type             16384 bytes\nAES-256-GCM    4096000.00k\n";
        assertEquals(250000.0 * 16384 / 1e6, OpenSslSpeed.parse(human, 16384).getAsDouble(), 1e-6);
        assertTrue(OpenSslSpeed.parse(human, 8192).isEmpty(), "another block size is not this figure");
        for (String bad : List.of("", "Error setting cipher DES-CBC\n", "+R:0:AES-128-GCM:1.0\n",
                "+R:100:AES-128-GCM:0.000000\n", "+R:12x:AES:1.0\n", "+R:1:AES:1e999\n",
                "+R:99999999999999999999999:A:1\n", "\0\0\0+R")) {
            assertTrue(OpenSslSpeed.parse(bad, 16384).isEmpty()
                    || OpenSslSpeed.parse(bad, 16384).getAsDouble() > 0, "no figure or a positive one: " + bad);
        }
        assertTrue(OpenSslSpeed.parse("+R:0:AES-128-GCM:1.0\n", 16384).isEmpty());
        assertTrue(OpenSslSpeed.parse("+R:100:AES-128-GCM:0.000000\n", 16384).isEmpty());
        assertTrue(OpenSslSpeed.parse("Error setting cipher DES-CBC\n", 16384).isEmpty());
    }

    /** An openssl that fails, or answers nonsense, leaves the column out; one that answers is asked once per cipher. */
    @Test
    void aFakeOpensslIsRunOncePerCipherAndItsFailuresLeaveNoFigure(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls");
        Path good = script(dir.resolve("good"), "echo \"$*\" >> '" + calls + "'\necho '+R:1000:X:0.5'\n");
        OpenSslSpeed g = OpenSslSpeed.at(good);
        assertEquals(1000.0 * 16384 / 0.5 / 1e6, g.megabytesPerSecond("AES-128-GCM").getAsDouble(), 1e-6);
        assertEquals(1000.0 * 16384 / 0.5 / 1e6, g.megabytesPerSecond("AES-128-GCM").getAsDouble(), 1e-6);
        assertTrue(g.megabytesPerSecond("DES-CBC").isEmpty(), "single DES is not asked for (legacy provider)");
        assertEquals(List.of("speed -mr -evp aes-128-gcm -bytes 16384 -seconds 1"), Files.readAllLines(calls));
        assertTrue(OpenSslSpeed.at(script(dir.resolve("failing"), "echo '+R:1000:X:0.5'\nexit 1\n"))
                .megabytesPerSecond("AES-256-GCM").isEmpty(), "a failing openssl gives no figure");
        assertTrue(OpenSslSpeed.at(script(dir.resolve("odd"), "echo 'something else'\n"))
                .megabytesPerSecond("AES-256-GCM").isEmpty());
        assertTrue(OpenSslSpeed.at(dir.resolve("absent")).megabytesPerSecond("AES-256-GCM").isEmpty());
    }

    private static Path script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body);
        p.toFile().setExecutable(true);
        return p;
    }
}
