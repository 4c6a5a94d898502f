package org.dicomsec.cli;

import java.util.List;

/**
 * One command-line option as a subcommand declares it to {@link OptionParser}.
 *
 * @param name       the long name, without the leading {@code --} (also the key
 *                   under which {@link ParsedOptions} reports it)
 * @param shortName  the one-letter short name, without {@code -}, or 0 for none
 * @param aliases    further long names accepted for the same option
 * @param metavar    what the value is called in the help text ({@code UID},
 *                   {@code FILE}); null for a flag, which takes no value
 * @param repeatable true when the option may be given more than once (its
 *                   values are then all kept, in order)
 * @param help       one line for the help text
 */
public record Option(String name, char shortName, List<String> aliases, String metavar, boolean repeatable,
                     String help) {

    public Option {
        if (name == null || name.isEmpty() || name.startsWith("-")) {
            throw new IllegalArgumentException("bad option name: " + name);
        }
        if (shortName != 0 && !Character.isLetterOrDigit(shortName)) {
            throw new IllegalArgumentException("bad short option: " + shortName);
        }
        aliases = List.copyOf(aliases);
        help = help == null ? "" : help;
    }

    /** True when the option takes no value. */
    public boolean isFlag() {
        return metavar == null;
    }

    /** How the option is shown in messages: {@code --name}. */
    public String display() {
        return "--" + name;
    }
}
