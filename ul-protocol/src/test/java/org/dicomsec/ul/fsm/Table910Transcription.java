package org.dicomsec.ul.fsm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The independent transcription of PS3.8 table 9-10 in
 * src/test/resources/fsm/ps3.8-table-9-10.txt, parsed. It is the oracle the
 * tests check the machine against; it shares no code with the main table.
 */
final class Table910Transcription {

    static final String RESOURCE = "/fsm/ps3.8-table-9-10.txt";

    /**
     * One cell: the action's standard name ("AR-10") or null for an empty cell,
     * and the next state; for AE-6 {@code next} is the acceptable branch and
     * {@code alternative} the rejected one, for AR-8 {@code next} is the
     * requestor's and {@code alternative} the acceptor's.
     */
    record Cell(int line, Event event, State state, String action, State next, State alternative) {

        State expectedNext(Role role, boolean acceptable) {
            if (action == null) {
                return state;
            }
            if (alternative == null) {
                return next;
            }
            return switch (action) {
                case "AE-6" -> acceptable ? next : alternative;
                case "AR-8" -> role == Role.REQUESTOR ? next : alternative;
                default -> throw new IllegalStateException("two next states for " + action + " at line " + line);
            };
        }

        @Override
        public String toString() {
            return event + " " + state + " " + (action == null ? "-" : action);
        }
    }

    private static final List<Cell> CELLS = load();
    private static final Map<Event, Map<State, Cell>> BY_KEY = index(CELLS);

    private Table910Transcription() {
    }

    static List<Cell> cells() {
        return CELLS;
    }

    static Cell cell(State state, Event event) {
        Cell c = BY_KEY.get(event).get(state);
        if (c == null) {
            throw new IllegalStateException("transcription lacks " + event + " " + state);
        }
        return c;
    }

    private static List<Cell> load() {
        List<Cell> cells = new ArrayList<>();
        try (InputStream in = Table910Transcription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 4) {
                    throw new IllegalStateException("line " + no + ": expected 4 fields: " + line);
                }
                Event event = Event.valueOf(f[0]);
                State state = State.valueOf(f[1]);
                if (f[2].equals("-")) {
                    if (!f[3].equals("-")) {
                        throw new IllegalStateException("line " + no + ": empty cell with a next state");
                    }
                    cells.add(new Cell(no, event, state, null, null, null));
                } else {
                    String[] next = f[3].split("\\|");
                    cells.add(new Cell(no, event, state, f[2], State.valueOf(next[0]),
                            next.length > 1 ? State.valueOf(next[1]) : null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(cells);
    }

    private static Map<Event, Map<State, Cell>> index(List<Cell> cells) {
        Map<Event, Map<State, Cell>> m = new EnumMap<>(Event.class);
        for (Event e : Event.values()) {
            m.put(e, new EnumMap<>(State.class));
        }
        for (Cell c : cells) {
            if (m.get(c.event()).put(c.state(), c) != null) {
                throw new IllegalStateException("duplicate cell " + c + " at line " + c.line());
            }
        }
        return m;
    }
}
