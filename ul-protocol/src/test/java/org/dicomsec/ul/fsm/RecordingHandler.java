package org.dicomsec.ul.fsm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An {@link ActionHandler} that records what it was asked to perform. */
final class RecordingHandler implements ActionHandler<String> {

    final List<Transition> performed = new ArrayList<>();
    final List<String> payloads = new ArrayList<>();
    private final Predicate<String> acceptable;

    RecordingHandler() {
        this(rq -> true);
    }

    RecordingHandler(Predicate<String> acceptable) {
        this.acceptable = acceptable;
    }

    @Override
    public synchronized void perform(Transition transition, String payload) throws IOException {
        performed.add(transition);
        payloads.add(payload);
    }

    @Override
    public boolean isAcceptableByServiceProvider(String associateRq) {
        return acceptable.test(associateRq);
    }

    synchronized List<Action> actions() {
        return performed.stream().map(Transition::action).toList();
    }
}
