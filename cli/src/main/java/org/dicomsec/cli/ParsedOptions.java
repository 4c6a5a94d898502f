package org.dicomsec.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The result of {@link OptionParser#parse(String...)}: the options given (by
 * their long name) with their values, and the positional arguments in order.
 * A flag given maps to an empty list of values.
 */
public final class ParsedOptions {

    private final OptionParser parser;
    private final Map<String, List<String>> options;
    private final List<String> positionals;

    ParsedOptions(OptionParser parser, Map<String, List<String>> options, List<String> positionals) {
        this.parser = parser;
        this.options = Map.copyOf(options);
        this.positionals = List.copyOf(positionals);
    }

    /** True when the option (long name) was given at least once. */
    public boolean has(String name) {
        parser.require(name);
        return options.containsKey(name);
    }

    /** The value of the option, or null when it was not given (the last one if repeated). */
    public String value(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** The value of the option, or {@code otherwise} when it was not given. */
    public String value(String name, String otherwise) {
        String v = value(name);
        return v == null ? otherwise : v;
    }

    /** Every value given for the option, in command-line order; empty when none. */
    public List<String> values(String name) {
        parser.require(name);
        return options.getOrDefault(name, List.of());
    }

    /**
     * The value of the option as an integer in {@code [min, max]}, or
     * {@code otherwise} when it was not given; a value that is not such a
     * number is a {@link UsageException} naming the option.
     */
    public int intValue(String name, int otherwise, int min, int max) throws UsageException {
        String v = value(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new UsageException("option --" + name + " needs a whole number from " + min + " to " + max
                + ", not '" + v + "'");
    }

    /**
     * What a library call makes of an option's value; the call's IllegalArgumentException is bad
     * usage, reported as {@code prefix} and its message ({@code "--audit-failure: "}).
     */
    static <T> T parse(String prefix, Supplier<T> parse) throws UsageException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(prefix + e.getMessage());
        }
    }

    /** The positional arguments, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** The positional argument declared under {@code name}, or null when it was optional and not given. */
    public String positional(String name) {
        int i = parser.positionalIndex(name);
        return i < positionals.size() ? positionals.get(i) : null;
    }

    /** The positionals from the one declared under {@code name} to the end (for a trailing "FILE..."). */
    public List<String> positionalsFrom(String name) {
        int i = parser.positionalIndex(name);
        return i < positionals.size() ? positionals.subList(i, positionals.size()) : List.of();
    }

    /** {@code --help} / {@code -h} was given: the command should print {@link OptionParser#help()} and stop. */
    public boolean helpRequested() {
        return options.containsKey(OptionParser.HELP);
    }

    /** {@code --quiet} / {@code -q}: print only what was asked for (and errors). */
    public boolean quiet() {
        return options.containsKey(OptionParser.QUIET);
    }

    /** {@code --verbose} / {@code -v}: say more, and show stack traces of errors. */
    public boolean verbose() {
        return options.containsKey(OptionParser.VERBOSE);
    }
}
