package org.dicomsec.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IsoInstantTest {

    @Property(tries = 3000)
    void writesWhatIsoInstantWrites(@ForAll @LongRange(min = -62_167_219_200L - 86_400 * 3,
            max = 253_402_300_800L + 86_400 * 3) long second, @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                                    @ForAll @IntRange(min = 0, max = 3) int round) {
        // fractions of every width: none, milliseconds, microseconds, nanoseconds
        int n = switch (round) {
            case 0 -> 0;
            case 1 -> nano / 1_000_000 * 1_000_000;
            case 2 -> nano / 1000 * 1000;
            default -> nano;
        };
        Instant t = Instant.ofEpochSecond(second, n);
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), IsoInstant.format(t));
    }

    @Test
    void edgesAndReadBack() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "2026-12-06T20:45:07.120Z", "2024-02-29T00:00:00.000001Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z"}) {
            Instant t = Instant.parse(s);
            String text = IsoInstant.format(t);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), text, s);
            assertEquals(t, Instant.parse(text), s);
        }
    }
}
