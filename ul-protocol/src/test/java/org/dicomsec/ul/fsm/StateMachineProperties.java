package org.dicomsec.ul.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any sequence of events and clock ticks, for either role: the machine never
 * throws, is always in one of Sta1..Sta13, takes exactly the action the
 * independent transcription of PS3.8 table 9-10 gives, and has ARTIM running
 * exactly in Sta2 and Sta13.
 */
class StateMachineProperties {

    sealed interface Op permits Fire, Tick {
    }

    /** An event; {@code acceptable} answers AE-6 if the event reaches it. */
    record Fire(Event event, boolean acceptable) implements Op {
    }

    /** The clock moves on, then the reader checks ARTIM. */
    record Tick(long millis) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> fire = Arbitraries.of(Event.class)
                .flatMap(e -> Arbitraries.of(true, false).map(ok -> (Op) new Fire(e, ok)));
        Arbitrary<Op> tick = Arbitraries.longs().between(0, 45_000).map(ms -> (Op) new Tick(ms));
        // events starting from Sta1 mostly die in Sta1; bias towards the ones that open an association
        Arbitrary<Op> opening = Arbitraries.of(Event.Evt1, Event.Evt2, Event.Evt3, Event.Evt5, Event.Evt6,
                Event.Evt7).map(e -> (Op) new Fire(e, true));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, fire), net.jqwik.api.Tuple.of(3, opening), net.jqwik.api.Tuple.of(1, tick))
                .list().ofMaxSize(80);
    }

    @Provide
    Arbitrary<Paths.PathTo> startingPoints() {
        return Arbitraries.of(Paths.ALL);
    }

    /** From Sta1, either role. */
    @Property(tries = 1000)
    void anySequenceFollowsTheTable(@ForAll Role role, @ForAll("ops") List<Op> ops) throws IOException {
        run(role, List.of(), ops);
    }

    /** From every state, reached by a real path, so the release states get their share. */
    @Property(tries = 1000)
    void anySequenceFromAnyStateFollowsTheTable(@ForAll("startingPoints") Paths.PathTo start,
            @ForAll("ops") List<Op> ops) throws IOException {
        run(start.role(), start.events(), ops);
    }

    private static void run(Role role, List<Event> prefix, List<Op> ops) throws IOException {
        AtomicLong clock = new AtomicLong(-5_000_000_000L);
        boolean[] acceptable = {true};
        List<Transition> performed = new ArrayList<>();
        StateMachine<String> m = new StateMachine<>(role, new ActionHandler<>() {
            @Override
            public void perform(Transition t, String payload) {
                performed.add(t);
            }

            @Override
            public boolean isAcceptableByServiceProvider(String rq) {
                return acceptable[0];
            }
        }, Duration.ofSeconds(30), clock::get);

        List<Op> all = new ArrayList<>();
        prefix.forEach(e -> all.add(new Fire(e, true)));
        all.addAll(ops);
        for (Op op : all) {
            State before = m.state();
            int calls = performed.size();
            if (op instanceof Fire f) {
                acceptable[0] = f.acceptable();
                Transition t = m.handle(f.event(), "p");
                Table910Transcription.Cell cell = Table910Transcription.cell(before, f.event());
                assertEquals(cell.action(), t.isDefined() ? t.action().standardName() : null, cell.toString());
                assertEquals(cell.expectedNext(role, f.acceptable()), m.state(), cell.toString());
                assertEquals(t.to(), m.state());
                assertEquals(calls + (t.isDefined() ? 1 : 0), performed.size());
            } else if (op instanceof Tick tick) {
                boolean running = m.isArtimRunning();
                long deadline = running ? m.artimDeadline().getAsLong() : 0;
                long now = clock.addAndGet(tick.millis() * 1_000_000L);
                boolean fired = m.onTimeout();
                assertEquals(running && now - deadline >= 0, fired, "ARTIM in " + before);
                if (fired) {
                    Transition t = performed.get(performed.size() - 1);
                    assertEquals(Event.Evt18, t.event());
                    Table910Transcription.Cell cell = Table910Transcription.cell(before, Event.Evt18);
                    assertEquals(cell.action(), t.action().standardName(), cell.toString());
                    assertEquals(State.Sta1, m.state());
                } else {
                    assertEquals(before, m.state());
                }
            }
            Statistics.label("states visited").collect(m.state());
            assertEquals(m.state() == State.Sta2 || m.state() == State.Sta13, m.isArtimRunning(),
                    "ARTIM runs exactly in Sta2 and Sta13, now " + m.state());
        }
        // the recorded transitions form one chain of states
        for (int i = 1; i < performed.size(); i++) {
            assertEquals(performed.get(i - 1).to(), performed.get(i).from());
        }
    }
}
