package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link Main#fixed}: the figures of the commands' last lines without java.util.Formatter. */
class FixedDecimalsTest {

    @Test
    void asTheCommandsPrintThem() {
        assertEquals("209.9", Main.fixed(209.88, 1));
        assertEquals("0.52", Main.fixed(0.5234, 2));
        assertEquals("0.05", Main.fixed(0.049999, 2));
        assertEquals("1234.00", Main.fixed(1234, 2));
        assertEquals("2", Main.fixed(1.5, 0));
        assertEquals("0.0", Main.fixed(0.04, 1));
        assertEquals("-3.25", Main.fixed(-3.2468, 2));
        assertEquals("Infinity", Main.fixed(Double.POSITIVE_INFINITY, 1));
        assertEquals("NaN", Main.fixed(Double.NaN, 2));
    }

    /** Within half a unit of the last digit, as %.Nf; the same text as %.Nf except where the two round a tie apart. */
    @Property(tries = 2000)
    void withinHalfAUnitOfTheLastDigit(@ForAll @DoubleRange(min = -1e9, max = 1e9) double v,
                                       @ForAll @IntRange(min = 0, max = 4) int decimals) {
        String s = Main.fixed(v, decimals);
        assertTrue(s.matches("-?\\d+" + (decimals == 0 ? "" : "\\.\\d{" + decimals + "}")), s);
        double unit = Math.pow(10, -decimals);
        assertTrue(Math.abs(Double.parseDouble(s) - v) <= unit / 2 + Math.ulp(v) * 4, v + " -> " + s);
        String formatted = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (!formatted.equals(s) && !formatted.equals("-" + s)) {
            // only a value within a few ulps of a tie may round the other way
            double tie = (Math.floor(Math.abs(v) / unit) + 0.5) * unit;
            assertTrue(Math.abs(Math.abs(v) - tie) <= Math.ulp(v) * 8 + 1e-12, v + ": " + s + " vs " + formatted);
        }
    }
}
