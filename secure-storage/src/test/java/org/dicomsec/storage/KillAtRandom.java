package org.dicomsec.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a crash test: a child JVM ({@code main}, which prints a line starting "OPEN" once it has
 * opened its store, then a line per operation that returned) killed with SIGKILL at a random point:
 * after a random number of its lines and a random delay into the next operation.
 */
public final class KillAtRandom {

    private KillAtRandom() {
    }

    /** What a crash test counted over its kills. */
    public record Tally(int kills, int reported, int unfinished, long seed) {
    }

    /** What a crash test does after each kill. */
    @FunctionalInterface
    public interface AfterKill {
        /**
         * Checks the store the kill left (opening it as a restart would, which settles it) against
         * the claims so far; returns whether the kill had left unfinished work (looked at before the
         * store is opened).
         */
        boolean check(long seed) throws Exception;
    }

    /**
     * Kills {@code main} (started with {@code args.apply(kill number)}) again and again, up to
     * {@code maxKills} times within {@code budgetNanos}, handing every line to {@code claim} (which
     * returns how many claims it took from it) and running {@code afterKill} after each kill; fails
     * unless there were 5 kills, a claim, and a kill that left unfinished work.
     */
    public static Tally repeat(Class<?> main, java.util.function.IntFunction<List<String>> args, Path err,
                               int maxKills, long budgetNanos, int lines, int delayMicros,
                               java.util.function.ToIntFunction<String> claim, AfterKill afterKill) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        long start = System.nanoTime();
        int kills = 0;
        int[] reported = {0};
        int unfinished = 0;
        while (kills < maxKills && System.nanoTime() - start < budgetNanos) {
            run(main, args.apply(kills), err, rnd, lines, delayMicros, line -> reported[0] += claim.applyAsInt(line));
            kills++;
            if (afterKill.check(seed)) {
                unfinished++;
            }
        }
        assertTrue(kills >= 5, "only " + kills + " kills within the time budget");
        assertTrue(reported[0] > 0, "the child reported nothing (seed " + seed + ")");
        assertTrue(unfinished > 0, "no kill landed inside an operation (seed " + seed + ")");
        return new Tally(kills, reported[0], unfinished, seed);
    }

    /**
     * Runs {@code main} with {@code args} on this test's class path, hands {@code onLine} every line
     * it printed after "OPEN" (those printed before the kill landed included), and returns once it is
     * dead.
     *
     * @param err        the child's standard error is appended here (shown when it does not start)
     * @param lines      lines read before the kill is prepared, at most
     * @param delayMicros the kill comes up to this long after them
     */
    public static void run(Class<?> main, List<String> args, Path err, Random rnd, int lines, int delayMicros,
                           Consumer<String> onLine) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
        int killAfter = rnd.nextInt(lines);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String open = r.readLine();
            assertTrue(open != null && open.startsWith("OPEN"), "child did not start: " + Files.readString(err));
            for (int n = 0; n < killAfter; n++) {
                String line = r.readLine();
                if (line == null) {
                    break;
                }
                onLine.accept(line);
            }
            // a random point inside the next operation: wait for an exit that will not come, up to
            // a random delay (a timed condition, not a sleep), then kill
            try {
                p.onExit().get(rnd.nextInt(delayMicros), TimeUnit.MICROSECONDS);
            } catch (java.util.concurrent.TimeoutException expected) {
                // still running: the normal case
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
            p.toHandle().destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "child did not die");
            // lines printed before the kill landed were claims too
            for (String line; (line = r.readLine()) != null; ) {
                onLine.accept(line);
            }
        }
    }
}
