package org.dicomsec.cli;

import java.util.Map;

/** The table of subcommands; each issue adds its own. */
final class Commands {

    private Commands() {
    }

    static void register(Map<String, Main.Command> commands) {
        // subcommands are registered here as they are built (dump, copy, echo, store, scp, ...)
        commands.put("dump", new DumpCommand());
        commands.put("copy", new CopyCommand());
        commands.put("keys", new KeysCommand());
        commands.put("echo", new EchoCommand());
        commands.put("store", new StoreCommand());
        commands.put("scp", new ScpCommand());
        commands.put("demo", new DemoCommand());
        commands.put("original", new OriginalCommand());
        commands.put("outbox", new OutboxCommand());
        commands.put("authorize", new AuthorizeCommand());
        commands.put("status", new StatusCommand());
        commands.put("scan", new ScanCommand());
        commands.put("bench", new BenchCommand());
    }
}
