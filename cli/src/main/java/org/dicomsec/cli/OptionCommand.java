package org.dicomsec.cli;

import java.io.PrintStream;

/**
 * A command whose arguments one {@link OptionParser} reads: with {@code --help} it prints the
 * parser's help and ends with status 0, else it runs with the parsed options. The commands extend
 * it; a {@link CommandGroup} makes its members with {@link #of}.
 */
abstract class OptionCommand implements Main.Command {

    /** What a command does with its parsed options; returns the exit status. */
    @FunctionalInterface
    interface Body {
        int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception;
    }

    private final OptionParser options;
    private final String summary;

    /** @param summary the line {@code dicomsec --help} shows beside the command's name */
    OptionCommand(OptionParser options, String summary) {
        this.options = options;
        this.summary = summary;
    }

    /** A command of {@code options} and {@code summary} that runs {@code body}. */
    static OptionCommand of(OptionParser options, String summary, Body body) {
        return new OptionCommand(options, summary) {
            @Override
            int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception {
                return body.run(o, out, err);
            }
        };
    }

    /** Runs the command with its options, {@code --help} handled. */
    abstract int run(ParsedOptions o, PrintStream out, PrintStream err) throws Exception;

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ParsedOptions o = options.parse(args);
        if (o.helpRequested()) {
            out.print(options.help());
            return 0;
        }
        return run(o, out, err);
    }

    @Override
    public final String summary() {
        return summary;
    }
}
