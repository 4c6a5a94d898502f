package org.dicomsec.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command made of subcommands ({@code keys init}, {@code keys iscl add}): the first argument
 * names the subcommand, which gets the rest. Without arguments, or with {@code --help}, it lists
 * them (exit 2 and 0); an unknown name is a usage error that lists the known ones.
 */
class CommandGroup implements Main.Command {

    private final String name;
    private final String summary;
    private final String arguments;
    private final List<String> description;
    private final Map<String, Main.Command> subcommands = new LinkedHashMap<>();

    /**
     * @param name        as typed after {@code dicomsec} ({@code "keys iscl"})
     * @param arguments   what follows the options in the usage line ({@code "FILE"})
     * @param description the lines between the usage line and the list of subcommands
     */
    CommandGroup(String name, String summary, String arguments, String... description) {
        this.name = name;
        this.summary = summary;
        this.arguments = arguments;
        this.description = List.of(description);
    }

    /** Adds a subcommand; the help lists them in the order added. */
    final CommandGroup add(String subcommand, Main.Command command) {
        subcommands.put(subcommand, command);
        return this;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            PrintStream to = args.length == 0 ? err : out;
            to.println("usage: dicomsec " + name + " SUBCOMMAND [options] " + arguments);
            to.println();
            description.forEach(to::println);
            to.println();
            to.println("subcommands:");
            subcommands.forEach((n, c) -> to.printf("  %-10s %s%n", n, c.summary()));
            to.println();
            to.println("dicomsec " + name + " SUBCOMMAND --help shows its options.");
            return args.length == 0 ? 2 : 0;
        }
        Main.Command sub = subcommands.get(args[0]);
        if (sub == null) {
            throw new UsageException("unknown subcommand '" + args[0] + "'; known: "
                    + String.join(", ", subcommands.keySet()) + " (see dicomsec " + name + " --help)");
        }
        return sub.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
}
