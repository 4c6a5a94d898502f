package org.dicomsec.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small option parser every subcommand shares. Accepts, in any order
 * with the positional arguments:
 * <ul>
 * <li>long options {@code --name}, with a value as {@code --name=value} or {@code --name value};</li>
 * <li>short options {@code -n}, with a value as {@code -n value} or {@code -nvalue};
 *     several short flags together as {@code -qv};</li>
 * <li>{@code --} ends the options (everything after is positional); a lone {@code -}
 *     and negative numbers such as {@code -5} are positional.</li>
 * </ul>
 * Every parser knows {@code --help/-h}, {@code --quiet/-q} and {@code --verbose/-v}.
 * An unknown option, a missing value, a value given to a flag, an option that
 * is not repeatable given twice, and a wrong number of positional arguments
 * are each a {@link UsageException} that names the option or argument.
 * With {@code --help} the positional arguments are not checked.
 *
 * <pre>{@code
 * static final OptionParser OPTIONS = new OptionParser("copy", "Read a DICOM file and write it again.")
 *         .value("transfer-syntax", 't', "UID", "transfer syntax of OUT (UID or name)")
 *         .positional("IN", "the file to read")
 *         .positional("OUT", "the file to write");
 * ParsedOptions o = OPTIONS.parse(args);
 * if (o.helpRequested()) { out.print(OPTIONS.help()); return 0; }
 * }</pre>
 */
public final class OptionParser {

    private static final int COLUMN = 30;

    static final String HELP = "help";
    static final String QUIET = "quiet";
    static final String VERBOSE = "verbose";

    private record Positional(String name, String help, boolean required, boolean variadic) {
    }

    private final String command;
    private final String description;
    /** By name, in declaration order; never compared by value (a record's equals is bootstrapped at its first call). */
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, Option> byLong = new LinkedHashMap<>();
    private final Map<Character, Option> byShort = new LinkedHashMap<>();
    private final List<Positional> positionals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param command     the subcommand's name as typed ({@code dump}), used in the usage line
     * @param description one or two sentences saying what the command does
     */
    public OptionParser(String command, String description) {
        this.command = command;
        this.description = description;
        flag(HELP, 'h', "show this help and exit");
        flag(QUIET, 'q', "print only what was asked for, and errors");
        flag(VERBOSE, 'v', "print more, and the stack trace of an error");
    }

    /** Declares a flag (an option without value). {@code shortName} 0 for none. */
    public OptionParser flag(String name, char shortName, String help) {
        return add(new Option(name, shortName, List.of(), null, false, help));
    }

    /** Declares an option that takes one value; given twice it is a usage error. */
    public OptionParser value(String name, char shortName, String metavar, String help) {
        return add(new Option(name, shortName, List.of(), metavar, false, help));
    }

    /** Declares an option that takes a value and may be given any number of times. */
    public OptionParser repeatable(String name, char shortName, String metavar, String help) {
        return add(new Option(name, shortName, List.of(), metavar, true, help));
    }

    /** Declares an option given as a record (for aliases and the like). */
    public OptionParser add(Option option) {
        List<String> names = new ArrayList<>(option.aliases());
        names.add(0, option.name());
        for (String n : names) {
            if (byLong.containsKey(n)) {
                throw new IllegalArgumentException("option --" + n + " declared twice");
            }
        }
        if (option.shortName() != 0 && byShort.containsKey(option.shortName())) {
            throw new IllegalArgumentException("option -" + option.shortName() + " declared twice");
        }
        options.put(option.name(), option);
        names.forEach(n -> byLong.put(n, option));
        if (option.shortName() != 0) {
            byShort.put(option.shortName(), option);
        }
        return this;
    }

    /** Adds a further long name for an option already declared ({@code alias("transfer-syntax", "ts")}). */
    public OptionParser alias(String name, String alias) {
        Option o = require(name);
        List<String> aliases = new ArrayList<>(o.aliases());
        aliases.add(alias);
        Option replacement = new Option(o.name(), o.shortName(), aliases, o.metavar(), o.repeatable(), o.help());
        if (byLong.containsKey(alias)) {
            throw new IllegalArgumentException("option --" + alias + " declared twice");
        }
        options.put(o.name(), replacement);
        byLong.replaceAll((k, v) -> v == o ? replacement : v);
        byLong.put(alias, replacement);
        if (o.shortName() != 0) {
            byShort.put(o.shortName(), replacement);
        }
        return this;
    }

    /** Declares a required positional argument (after any declared before it). */
    public OptionParser positional(String name, String help) {
        if (!positionals.isEmpty() && !positionals.get(positionals.size() - 1).required()) {
            throw new IllegalArgumentException("required positional after an optional one: " + name);
        }
        positionals.add(new Positional(name, help, true, false));
        return this;
    }

    /** Declares an optional positional argument; only optional ones may follow. */
    public OptionParser optionalPositional(String name, String help) {
        checkNotAfterVariadic(name);
        positionals.add(new Positional(name, help, false, false));
        return this;
    }

    /** Declares a last positional that takes all remaining arguments; {@code atLeastOne} makes it required. */
    public OptionParser remainingPositionals(String name, String help, boolean atLeastOne) {
        checkNotAfterVariadic(name);
        if (atLeastOne && !positionals.isEmpty() && !positionals.get(positionals.size() - 1).required()) {
            throw new IllegalArgumentException("required positional after an optional one: " + name);
        }
        positionals.add(new Positional(name, help, atLeastOne, true));
        return this;
    }

    /** Adds a paragraph at the end of the help text (examples, accepted names). */
    public OptionParser note(String text) {
        notes.add(text);
        return this;
    }

    /** Parses the arguments that follow the subcommand's name. */
    public ParsedOptions parse(String... args) throws UsageException {
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                pos.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Option o = byLong.get(name);
                if (o == null) {
                    throw new UsageException("unknown option --" + name + seeHelp());
                }
                if (o.isFlag()) {
                    if (eq >= 0) {
                        throw new UsageException("option " + o.display() + " takes no value");
                    }
                    put(given, o, null);
                } else if (eq >= 0) {
                    put(given, o, a.substring(eq + 1));
                } else {
                    put(given, o, next(args, ++i, o));
                }
            } else if (a.length() > 1 && a.charAt(0) == '-' && !isNumber(a)) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    Option o = byShort.get(c);
                    if (o == null) {
                        throw new UsageException("unknown option -" + c + (a.length() > 2 ? " (in " + a + ")" : "")
                                + seeHelp());
                    }
                    if (o.isFlag()) {
                        put(given, o, null);
                    } else {
                        // the rest of the word is the value (-tUID), else the next argument
                        put(given, o, k + 1 < a.length() ? a.substring(k + 1) : next(args, ++i, o));
                        break;
                    }
                }
            } else {
                pos.add(a);
            }
        }
        if (!given.containsKey(HELP)) {
            checkPositionals(pos, given);
        }
        return new ParsedOptions(this, given, pos);
    }

    /** The usage text printed by {@code dicomsec COMMAND --help}. */
    public String help() {
        StringBuilder sb = new StringBuilder("usage: dicomsec ").append(command).append(" [options]");
        for (Positional p : positionals) {
            String n = p.variadic() ? p.name() + "..." : p.name();
            sb.append(' ').append(p.required() ? n : "[" + n + "]");
        }
        sb.append("\n\n").append(description).append('\n');
        if (!positionals.isEmpty()) {
            sb.append("\narguments:\n");
            for (Positional p : positionals) {
                row(sb, p.name(), p.help());
            }
        }
        sb.append("\noptions:\n");
        for (Option o : options.values()) {
            StringBuilder left = new StringBuilder(o.shortName() != 0 ? "-" + o.shortName() + ", " : "    ");
            left.append("--").append(o.name());
            if (!o.isFlag()) {
                left.append(' ').append(o.metavar());
            }
            String help = o.help();
            if (!o.aliases().isEmpty()) {
                help += " (also --" + String.join(", --", o.aliases()) + ")";
            }
            if (o.repeatable()) {
                help += " (may be repeated)";
            }
            row(sb, left.toString(), help);
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    Option require(String name) {
        Option o = byLong.get(name);
        if (o == null || !o.name().equals(name)) {
            throw new IllegalArgumentException("no option declared as --" + name);
        }
        return o;
    }

    int positionalIndex(String name) {
        for (int i = 0; i < positionals.size(); i++) {
            if (positionals.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positional declared as " + name);
    }

    private void checkNotAfterVariadic(String name) {
        if (!positionals.isEmpty() && positionals.get(positionals.size() - 1).variadic()) {
            throw new IllegalArgumentException("positional after a variadic one: " + name);
        }
    }

    private void checkPositionals(List<String> pos, Map<String, List<String>> given) throws UsageException {
        int required = 0;
        boolean variadic = false;
        for (Positional p : positionals) {
            required += p.required() ? 1 : 0;
            variadic |= p.variadic();
        }
        if (pos.size() < required) {
            throw new UsageException("missing " + positionals.get(pos.size()).name() + peerHint(given) + seeHelp());
        }
        if (!variadic && pos.size() > positionals.size()) {
            throw new UsageException("unexpected argument '" + pos.get(positionals.size()) + "'" + seeHelp());
        }
    }

    /**
     * When an option's value names a peer as AE@HOST:PORT (as dcm4che's tools take it with -c), the
     * peer was taken as that option's value and the arguments shifted: says how a peer is named here.
     */
    private static String peerHint(Map<String, List<String>> given) {
        for (Map.Entry<String, List<String>> e : given.entrySet()) {
            for (String v : e.getValue()) {
                String hint = peerForm(e.getKey(), v);
                if (!hint.isEmpty()) {
                    return hint;
                }
            }
        }
        return "";
    }

    /** A hint when option {@code --name}'s {@code value} is AE@HOST:PORT, else "". */
    static String peerForm(String name, String value) {
        Matcher m = AE_AT_PEER.matcher(value);
        return m.matches() ? " (--" + name + " " + value + " names a peer as AE@HOST:PORT; here the peer is the"
                + " argument HOST:PORT and its AE title the option --aec: --aec " + m.group(1) + " " + m.group(2) + ")"
                : "";
    }

    private static final Pattern AE_AT_PEER = Pattern.compile("([^@\\\\]{1,16})@(\\S+:\\d{1,5})");

    private void put(Map<String, List<String>> given, Option o, String value) throws UsageException {
        List<String> values = given.get(o.name());
        if (values == null) {
            values = new ArrayList<>();
            given.put(o.name(), values);
        } else if (!o.isFlag() && !o.repeatable()) {
            throw new UsageException("option " + o.display() + " given more than once");
        }
        if (value != null) {
            values.add(value);
        }
    }

    private String next(String[] args, int i, Option o) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("option " + o.display() + " needs a value (" + o.metavar() + ")");
        }
        return args[i];
    }

    private String seeHelp() {
        return " (see dicomsec " + command + " --help)";
    }

    private static boolean isNumber(String a) {
        for (int i = 1; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static void row(StringBuilder sb, String left, String right) {
        sb.append("  ").append(left);
        // a two-space gutter before the description column, else the description on its own line
        if (left.length() <= COLUMN - 2) {
            sb.append(" ".repeat(COLUMN - left.length()));
        } else {
            sb.append("\n").append(" ".repeat(COLUMN + 2));
        }
        sb.append(right).append('\n');
    }
}
