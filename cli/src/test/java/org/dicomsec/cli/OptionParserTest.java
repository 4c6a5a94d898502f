package org.dicomsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionParserTest {

    private static OptionParser parser() {
        return new OptionParser("copy", "Copies a file.")
                .value("transfer-syntax", 't', "UID", "transfer syntax")
                .alias("transfer-syntax", "ts")
                .flag("json", 'j', "JSON output")
                .flag("long", (char) 0, "no short name")
                .repeatable("tag", 'T', "TAG", "a tag to show")
                .value("port", 'p', "N", "a port")
                .positional("IN", "input")
                .optionalPositional("OUT", "output");
    }

    @Test
    void longOptionWithEqualsAndWithSeparateValue() throws Exception {
        assertEquals("1.2.3", parser().parse("--transfer-syntax=1.2.3", "a").value("transfer-syntax"));
        assertEquals("1.2.3", parser().parse("--transfer-syntax", "1.2.3", "a").value("transfer-syntax"));
        assertEquals("x=y", parser().parse("--transfer-syntax=x=y", "a").value("transfer-syntax"));
        assertEquals("", parser().parse("--transfer-syntax=", "a").value("transfer-syntax"));
    }

    @Test
    void shortOptionWithSeparateAndAttachedValue() throws Exception {
        assertEquals("implicit-le", parser().parse("-t", "implicit-le", "a").value("transfer-syntax"));
        assertEquals("implicit-le", parser().parse("-timplicit-le", "a").value("transfer-syntax"));
    }

    @Test
    void aliasReportsUnderTheMainName() throws Exception {
        ParsedOptions o = parser().parse("--ts", "explicit-be", "a");
        assertEquals("explicit-be", o.value("transfer-syntax"));
        assertTrue(o.has("transfer-syntax"));
    }

    @Test
    void clusteredShortFlagsAndValueAtTheEnd() throws Exception {
        ParsedOptions o = parser().parse("-qvjp", "104", "in");
        assertTrue(o.quiet());
        assertTrue(o.verbose());
        assertTrue(o.has("json"));
        assertEquals(104, o.intValue("port", 0, 1, 65535));
        assertEquals(List.of("in"), o.positionals());
    }

    @Test
    void repeatedOptionKeepsEveryValueInOrder() throws Exception {
        ParsedOptions o = parser().parse("--tag", "0010,0010", "in", "-T0008,0060", "--tag=7FE0,0010");
        assertEquals(List.of("0010,0010", "0008,0060", "7FE0,0010"), o.values("tag"));
        assertEquals("7FE0,0010", o.value("tag"));
    }

    @Test
    void optionsAndPositionalsInterleave() throws Exception {
        ParsedOptions o = parser().parse("in", "--json", "out", "-q");
        assertEquals("in", o.positional("IN"));
        assertEquals("out", o.positional("OUT"));
        assertTrue(o.has("json"));
        assertTrue(o.quiet());
        assertFalse(o.verbose());
    }

    @Test
    void doubleDashEndsOptionsAndLoneDashOrNegativeNumberIsPositional() throws Exception {
        ParsedOptions o = parser().parse("--", "--json", "-q");
        assertEquals(List.of("--json", "-q"), o.positionals());
        assertFalse(o.has("json"));
        assertEquals(List.of("-", "-5"), parser().parse("-", "-5").positionals());
    }

    @Test
    void absentOptionalThingsAreNullOrDefault() throws Exception {
        ParsedOptions o = parser().parse("in");
        assertNull(o.value("transfer-syntax"));
        assertEquals("explicit-le", o.value("transfer-syntax", "explicit-le"));
        assertEquals(List.of(), o.values("tag"));
        assertNull(o.positional("OUT"));
        assertEquals(11112, o.intValue("port", 11112, 1, 65535));
        assertFalse(o.helpRequested());
    }

    @Test
    void flagGivenTwiceIsAccepted() throws Exception {
        assertTrue(parser().parse("-v", "--verbose", "in").verbose());
    }

    @Test
    void helpSkipsThePositionalCheck() throws Exception {
        assertTrue(parser().parse("--help").helpRequested());
        assertTrue(parser().parse("-h", "a", "b").helpRequested());
    }

    @Test
    void unknownLongOption() {
        UsageException e = assertThrows(UsageException.class, () -> parser().parse("--frobnicate", "in"));
        assertEquals("unknown option --frobnicate (see dicomsec copy --help)", e.getMessage());
    }

    @Test
    void unknownShortOptionInACluster() {
        UsageException e = assertThrows(UsageException.class, () -> parser().parse("-qx", "in"));
        assertTrue(e.getMessage().startsWith("unknown option -x (in -qx)"), e.getMessage());
    }

    @Test
    void missingValueNamesTheOptionAndItsMetavar() {
        UsageException e = assertThrows(UsageException.class, () -> parser().parse("in", "-t"));
        assertEquals("option --transfer-syntax needs a value (UID)", e.getMessage());
    }

    @Test
    void valueGivenToAFlag() {
        UsageException e = assertThrows(UsageException.class, () -> parser().parse("--json=yes", "in"));
        assertEquals("option --json takes no value", e.getMessage());
    }

    @Test
    void singleValueOptionGivenTwice() {
        UsageException e = assertThrows(UsageException.class,
                () -> parser().parse("-t", "a", "--ts=b", "in"));
        assertEquals("option --transfer-syntax given more than once", e.getMessage());
    }

    @Test
    void missingAndExtraPositionals() {
        UsageException missing = assertThrows(UsageException.class, () -> parser().parse("-q"));
        assertEquals("missing IN (see dicomsec copy --help)", missing.getMessage());
        UsageException extra = assertThrows(UsageException.class, () -> parser().parse("a", "b", "c"));
        assertEquals("unexpected argument 'c' (see dicomsec copy --help)", extra.getMessage());
    }

    @Test
    void badNumberNamesOptionAndRange() throws Exception {
        ParsedOptions o = parser().parse("-p", "70000", "in");
        UsageException e = assertThrows(UsageException.class, () -> o.intValue("port", 0, 1, 65535));
        assertEquals("option --port needs a whole number from 1 to 65535, not '70000'", e.getMessage());
        ParsedOptions p = parser().parse("-p", "ten", "in");
        assertThrows(UsageException.class, () -> p.intValue("port", 0, 1, 65535));
    }

    @Test
    void remainingPositionals() throws Exception {
        OptionParser p = new OptionParser("store", "Sends files.").positional("PEER", "host:port")
                .remainingPositionals("FILE", "files", true);
        ParsedOptions o = p.parse("host:104", "a.dcm", "b.dcm");
        assertEquals("host:104", o.positional("PEER"));
        assertEquals(List.of("a.dcm", "b.dcm"), o.positionalsFrom("FILE"));
        UsageException e = assertThrows(UsageException.class, () -> p.parse("host:104"));
        assertEquals("missing FILE (see dicomsec store --help)", e.getMessage());
    }

    @Test
    void aPeerGivenAsAeAtHostPortIsExplained() throws Exception {
        // dcm4che's tools name the peer with -c AE@HOST:PORT: here that takes the peer as --aec's value
        OptionParser p = new OptionParser("store", "Sends files.").value("aec", 'c', "AE", "called AE title")
                .positional("HOST:PORT", "the peer").remainingPositionals("FILE", "files", true);
        UsageException e = assertThrows(UsageException.class, () -> p.parse("-c", "PACS@pacs.example:104", "study"));
        assertEquals("missing FILE (--aec PACS@pacs.example:104 names a peer as AE@HOST:PORT; here the peer is the"
                + " argument HOST:PORT and its AE title the option --aec: --aec PACS pacs.example:104)"
                + " (see dicomsec store --help)", e.getMessage());
        ParsedOptions shifted = p.parse("-c", "PACS@pacs.example:104", "pacs.example:104", "study");
        UsageException title = assertThrows(UsageException.class, () -> EchoCommand.title(shifted, "aec", "ANY-SCP"));
        assertTrue(title.getMessage().endsWith("--aec PACS pacs.example:104)"), title.getMessage());
        UsageException plain = assertThrows(UsageException.class, () -> p.parse("-c", "PACS", "study"));
        assertEquals("missing FILE (see dicomsec store --help)", plain.getMessage());
    }

    @Test
    void helpTextListsUsageArgumentsOptionsAndAliases() {
        String help = parser().note("Names: explicit-le, implicit-le.").help();
        assertTrue(help.startsWith("usage: dicomsec copy [options] IN [OUT]\n\nCopies a file.\n"), help);
        assertTrue(help.contains("  -t, --transfer-syntax UID   "), help);
        assertTrue(help.contains("transfer syntax (also --ts)"), help);
        assertTrue(help.contains("      --long"), help);
        assertTrue(help.contains("a tag to show (may be repeated)"), help);
        assertTrue(help.contains("  -h, --help"), help);
        assertTrue(help.contains("  -q, --quiet"), help);
        assertTrue(help.contains("  -v, --verbose"), help);
        assertTrue(help.endsWith("Names: explicit-le, implicit-le.\n"), help);
    }

    @Test
    void declarationMistakesAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> parser().flag("json", (char) 0, "again"));
        assertThrows(IllegalArgumentException.class, () -> parser().flag("other", 't', "same short"));
        assertThrows(IllegalArgumentException.class, () -> parser().parse("in").has("nonesuch"));
        assertThrows(IllegalArgumentException.class,
                () -> new OptionParser("x", "y").optionalPositional("A", "a").positional("B", "b"));
    }
}
