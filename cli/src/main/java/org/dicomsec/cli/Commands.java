package org.dicomsec.cli;

import java.util.List;

/**
 * The table of subcommands. A command is made when it runs: its options are built by its class's
 * initialisation, so a run builds only its own (no lambda either: each would be bootstrapped).
 */
final class Commands {

    /** The subcommands in the order of the help text. */
    static final List<String> NAMES = List.of("dump", "copy", "keys", "echo", "store", "scp", "demo", "original",
            "outbox", "authorize", "status", "scan", "bench");

    private Commands() {
    }

    /** The subcommand {@code name}, or null when there is none. */
    static Main.Command make(String name) {
        return switch (name) {
            case "dump" -> new DumpCommand();
            case "copy" -> new CopyCommand();
            case "keys" -> new KeysCommand();
            case "echo" -> new EchoCommand();
            case "store" -> new StoreCommand();
            case "scp" -> new ScpCommand();
            case "demo" -> new DemoCommand();
            case "original" -> new OriginalCommand();
            case "outbox" -> new OutboxCommand();
            case "authorize" -> new AuthorizeCommand();
            case "status" -> new StatusCommand();
            case "scan" -> new ScanCommand();
            case "bench" -> new BenchCommand();
            default -> null;
        };
    }
}
