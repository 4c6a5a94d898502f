package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dicomsec.iscl.crypto.Md5Order;
import org.junit.jupiter.api.Test;

/**
 * What an operator writes for {@link IsclConfig}: the volume limit with its suffix, the integrity
 * mechanism and the MD5 order by name, and the value of the keyring flag
 * {@link IsclConfig#AE_TITLES_FLAG} as the gate reads it back.
 */
class IsclConfigTextTest {

    @Test
    void volumeLimitsAreBytesWithAnOptionalBinarySuffixUpTo4G() {
        assertEquals(1, IsclConfig.parseVolumeLimit("1"));
        assertEquals(512L << 10, IsclConfig.parseVolumeLimit("512k"));
        assertEquals(64L << 20, IsclConfig.parseVolumeLimit("64M"));
        assertEquals(IsclConfig.MAX_VOLUME_LIMIT, IsclConfig.parseVolumeLimit("4G"));
        assertEquals(IsclConfig.MAX_VOLUME_LIMIT, IsclConfig.parseVolumeLimit("4194304K"));
        for (String bad : List.of("0", "-1", "5G", "4194305K", "4294967297", "", "G", "1T", "1.5M", "x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> IsclConfig.parseVolumeLimit(bad), bad);
            assertEquals("a byte count 1 .. 4G (suffix K, M or G), not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void mechanismsByTheirNamesInAnyCaseAndMd5OrdersByTheirCodes() {
        assertEquals(IntegrityMechanism.DES_MAC, IntegrityMechanism.byName("des-mac"));
        assertEquals(IntegrityMechanism.MD5_DES, IntegrityMechanism.byName("md5-des"));
        for (IntegrityMechanism m : IntegrityMechanism.values()) {
            assertEquals(m, IntegrityMechanism.byName(m.label()), m.label());
        }
        assertEquals(IntegrityMechanism.MD5_DES, IntegrityMechanism.byName("MD5-DES"));
        for (String bad : List.of("sha1", "", "des", "md5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> IntegrityMechanism.byName(bad), bad);
            assertEquals("des-mac or md5-des, not '" + bad + "'", e.getMessage());
        }
        for (Md5Order o : Md5Order.values()) {
            assertEquals(o, Md5Order.byName(String.valueOf(o.code())));
        }
        for (String bad : List.of("0", "3", "01", "", "one")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Md5Order.byName(bad), bad);
            assertEquals("1 (encrypt the random number, then hash) or 2 (hash, then encrypt), not '" + bad + "'",
                    e.getMessage());
        }
    }

    @Test
    void titlesAreStrippedRepeatsLeftOutAndJoinedInOrder() {
        assertEquals("MODALITY1,MODALITY2", IsclConfig.aeTitlesFlag(List.of(" MODALITY1 ", "MODALITY2", "MODALITY1")));
        assertEquals("", IsclConfig.aeTitlesFlag(List.of()));
        assertEquals(List.copyOf(CallingAeTitleGate.titles("A,B C")), List.of("A", "B C"));
        assertEquals(List.copyOf(CallingAeTitleGate.titles(IsclConfig.aeTitlesFlag(List.of("A", "B C")))),
                List.of("A", "B C"));
    }

    @Test
    void aTitleWithACommaOrNotAnAeTitleIsRefusedByName() {
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> IsclConfig.aeTitlesFlag(List.of("OK", "A,B")));
        assertEquals("'A,B' is not an AE title (1..16 characters, no comma)", comma.getMessage());
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> IsclConfig.aeTitlesFlag(List.of("SEVENTEEN-LETTERS")));
        assertEquals("AE title longer than 16 characters: 17", longer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IsclConfig.aeTitlesFlag(List.of("  ")));
        assertThrows(IllegalArgumentException.class, () -> IsclConfig.aeTitlesFlag(List.of("A\\B")));
    }
}
