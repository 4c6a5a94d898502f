package org.dicomsec.storage.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * An instant as {@link DateTimeFormatter#ISO_INSTANT} writes it ({@code 2026-12-06T20:45:07.123Z}: the
 * seconds always, a fraction of 3, 6 or 9 digits only when there is one), for the index record and
 * the audit message of every stored instance. The same text, written directly: the formatter's
 * general machinery costs a server C2 compilations of 120-170 ms each, three times over while it
 * warms up (it deoptimizes), for one timestamp per record. Years outside 0000-9999 go to the
 * formatter.
 */
public final class IsoInstant {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long MIN = -62_167_219_200L;
    private static final long END = 253_402_300_800L;

    private IsoInstant() {
    }

    /** {@code t} in the text of {@link DateTimeFormatter#ISO_INSTANT}. */
    public static String format(Instant t) {
        long s = t.getEpochSecond();
        if (s < MIN || s >= END) {
            return DateTimeFormatter.ISO_INSTANT.format(t);
        }
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(s, SECONDS_PER_DAY));
        int secOfDay = (int) Math.floorMod(s, SECONDS_PER_DAY);
        StringBuilder b = new StringBuilder(30);
        digits(b, d.getYear(), 4).append('-');
        digits(b, d.getMonthValue(), 2).append('-');
        digits(b, d.getDayOfMonth(), 2).append('T');
        digits(b, secOfDay / 3600, 2).append(':');
        digits(b, secOfDay / 60 % 60, 2).append(':');
        digits(b, secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano > 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                digits(b, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(b, nano / 1000, 6);
            } else {
                digits(b, nano, 9);
            }
        }
        return b.append('Z').toString();
    }

    /** {@code v} (not negative) in exactly {@code width} decimal digits, zeros in front. */
    private static StringBuilder digits(StringBuilder b, int v, int width) {
        for (int div = pow10(width - 1); div > 0; div /= 10) {
            b.append((char) ('0' + v / div % 10));
        }
        return b;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
