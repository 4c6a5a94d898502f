package org.dicomsec.ul.fsm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.dicomsec.data.LibraryLog;

/**
 * The DICOM Upper Layer protocol machine of PS3.8 section 9.2 for one
 * association (one transport connection): the current {@link State}, the
 * {@link Role} of the local side, and the ARTIM timer. Each event is looked up
 * in {@link StateTransitionTable} (table 9-10); the machine moves to the
 * action's next state, starts or stops ARTIM as the action's definition says,
 * and calls the {@link ActionHandler} to do the I/O.
 *
 * <h2>Driving it</h2>
 * <ul>
 *   <li>Requestor: construct with {@link Role#REQUESTOR}; Evt1 (AE-1: the
 *       handler connects the transport), then Evt2 when the connection is
 *       open (AE-2: the handler sends the A-ASSOCIATE-RQ), and so on.</li>
 *   <li>Acceptor: construct with {@link Role#ACCEPTOR}; Evt5 when the
 *       transport connection is accepted (AE-5 starts ARTIM), then Evt6 when
 *       the A-ASSOCIATE-RQ arrives.</li>
 *   <li>The reader thread maps every PDU it reads to Evt3, 4, 6, 10, 12, 13
 *       or 16, an undecodable one to Evt19, end of stream or a read error to
 *       Evt17; user threads issue Evt7, 8, 9, 11, 14, 15.</li>
 * </ul>
 *
 * <h2>ARTIM without a thread</h2>
 * ARTIM is a deadline the machine keeps; nothing fires by itself (the
 * libraries start no thread the caller did not ask for). It runs exactly in
 * Sta2 and Sta13. The reader thread bounds each blocking read with
 * {@link #soTimeoutMillis(int)} and, when the read times out, calls
 * {@link #onTimeout()}, which fires Evt18 if the deadline has passed:
 * <pre>{@code
 * socket.setSoTimeout(fsm.soTimeoutMillis(idleTimeoutMillis));
 * try { pdu = read(); ... } catch (SocketTimeoutException e) { if (!fsm.onTimeout()) ...own timeout... }
 * }</pre>
 *
 * <h2>Locking</h2>
 * All events go through {@link #handle(Event, Object)}, which holds one
 * private lock for the lookup, the state change and the handler call;
 * {@link #state()} is a volatile snapshot that needs no lock, so that another
 * thread can look while a handler is blocked. So the reader thread and user
 * threads see one order of transitions, and PDUs are written in that order.
 * The lock is re-entrant: a handler may feed a follow-up event (e.g. Evt2 right
 * after a blocking connect in AE-1). Because the handler runs under the lock, a
 * send that blocks holds it: the association should bound writes (the
 * transport's timeouts) or close the transport from outside, whose failure
 * then arrives as Evt17.
 *
 * @param <P> what the association passes with an event (a PDU, a primitive)
 */
public final class StateMachine<P> {

    /** Default ARTIM duration; PS3.8 leaves the value to the implementation. */
    public static final Duration DEFAULT_ARTIM_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LibraryLog.logger(StateMachine.class);

    private final Object lock = new Object();
    private final Role role;
    private final ActionHandler<P> handler;
    private final ArtimTimer artim;
    private volatile State state; // written under the lock only

    /** A machine in Sta1 with the {@link #DEFAULT_ARTIM_TIMEOUT} and the system's nano clock. */
    public StateMachine(Role role, ActionHandler<P> handler) {
        this(role, handler, DEFAULT_ARTIM_TIMEOUT, System::nanoTime);
    }

    /**
     * A machine in Sta1.
     *
     * @param role         whether the local side is the association-requestor or -acceptor (AR-8)
     * @param handler      performs the actions
     * @param artimTimeout the ARTIM duration, positive
     * @param nanoTicker   the clock ARTIM deadlines are read from, in nanoseconds like
     *                     {@link System#nanoTime()} (tests pass their own)
     */
    public StateMachine(Role role, ActionHandler<P> handler, Duration artimTimeout, LongSupplier nanoTicker) {
        this(role, handler, artimTimeout, nanoTicker, State.Sta1);
    }

    /**
     * A machine put in any state, for tests that check one cell of table 9-10.
     * ARTIM is running when the state is Sta2 or Sta13, as it would be after
     * any path into them.
     */
    StateMachine(Role role, ActionHandler<P> handler, Duration artimTimeout, LongSupplier nanoTicker,
            State initial) {
        this.role = Objects.requireNonNull(role, "role");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.artim = new ArtimTimer(Objects.requireNonNull(artimTimeout, "artimTimeout"),
                Objects.requireNonNull(nanoTicker, "nanoTicker"));
        this.state = Objects.requireNonNull(initial, "initial");
        if (initial == State.Sta2 || initial == State.Sta13) {
            artim.start();
        }
    }

    /** Same as {@code handle(event, null)}. */
    public Transition handle(Event event) throws IOException {
        return handle(event, null);
    }

    /**
     * Takes one event: looks up PS3.8 table 9-10, moves to the action's next
     * state, starts or stops ARTIM, then calls the handler. For an empty cell
     * nothing happens and the returned transition is not
     * {@linkplain Transition#isDefined() defined}; callers issuing a local
     * primitive use {@link Transition#requireDefined()} to turn that into an
     * error for their user.
     *
     * @param event   the event
     * @param payload what came with it (the PDU read, the primitive issued), may be null
     * @return what happened
     * @throws IOException what the handler threw; the machine is already in the next state
     */
    public Transition handle(Event event, P payload) throws IOException {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            State from = state;
            Optional<Action> cell = StateTransitionTable.actionFor(from, event);
            if (cell.isEmpty()) {
                Transition none = new Transition(from, event, null, from);
                // DEBUG only: a local primitive out of place is reported to its caller through
                // Transition.requireDefined(); Evt17 after the machine already closed is routine
                LOG.log(Level.DEBUG, "{0}: no action in PS3.8 table 9-10, ignored", none);
                return none;
            }
            Action action = cell.get();
            // AE-6 is the one action whose branch depends on the event's content
            boolean acceptable = action != Action.AE_6 || handler.isAcceptableByServiceProvider(payload);
            State to = action.nextState(role, acceptable);
            applyArtim(action, to);
            state = to;
            Transition t = new Transition(from, event, action, to);
            if (LOG.isLoggable(Level.DEBUG)) { // every P-DATA passes here: no varargs array when off
                LOG.log(Level.DEBUG, "{0} ({1})", t, role);
            }
            handler.perform(t, payload);
            return t;
        }
    }

    private void applyArtim(Action action, State to) {
        switch (action.artim()) {
            case START -> artim.start();
            case STOP -> artim.stop();
            case STOP_THEN_START_IF_REJECTED -> {
                artim.stop();
                if (to == State.Sta13) {
                    artim.start();
                }
            }
            case NONE -> {
                // the action's definition does not touch ARTIM
            }
        }
    }

    /**
     * The current state: a snapshot read without the lock, so that a thread may look (e.g. to
     * abort) while another holds the lock in an action blocked on a transport write.
     */
    public State state() {
        return state;
    }

    /** The local side's role, fixed for the machine's life. */
    public Role role() {
        return role;
    }

    /** The configured ARTIM duration. */
    public Duration artimTimeout() {
        return artim.timeout();
    }

    /** True while ARTIM runs (exactly in Sta2 and Sta13). */
    public boolean isArtimRunning() {
        synchronized (lock) {
            return artim.isRunning();
        }
    }

    /** The ARTIM deadline on the machine's nano clock, or empty when ARTIM is stopped. */
    public OptionalLong artimDeadline() {
        synchronized (lock) {
            return artim.deadline();
        }
    }

    /** Milliseconds left until the ARTIM deadline (rounded up, 0 when passed), or empty when stopped. */
    public OptionalLong artimRemainingMillis() {
        synchronized (lock) {
            return artim.remainingMillis();
        }
    }

    /**
     * The read timeout for the reader's next blocking read, for
     * {@link java.net.Socket#setSoTimeout(int)}: when ARTIM runs, the time
     * left until its deadline (at least 1 ms, so a passed deadline never turns
     * into 0, which would mean "wait forever"), capped by {@code otherwise} when
     * that is positive; when ARTIM is stopped, {@code otherwise}.
     *
     * @param otherwise the association's own read timeout in ms, 0 for none
     */
    public int soTimeoutMillis(int otherwise) {
        if (otherwise < 0) {
            throw new IllegalArgumentException("timeout < 0: " + otherwise);
        }
        OptionalLong left = artimRemainingMillis();
        if (left.isEmpty()) {
            return otherwise;
        }
        long ms = Math.max(1, Math.min(left.getAsLong(), Integer.MAX_VALUE));
        return otherwise > 0 ? (int) Math.min(ms, otherwise) : (int) ms;
    }

    /** {@link #onTimeout(long)} at the machine clock's current time. */
    public boolean onTimeout() throws IOException {
        synchronized (lock) {
            return onTimeout(artim.now());
        }
    }

    /**
     * Fires Evt18 (ARTIM timer expired) if ARTIM runs and {@code nowNanos} is at
     * or past its deadline; otherwise does nothing. Table 9-10 answers Evt18 in
     * Sta2 and Sta13 with AA-2 (close the transport connection, Sta1).
     *
     * @param nowNanos the current time on the machine's nano clock
     * @return true if Evt18 was fired
     */
    public boolean onTimeout(long nowNanos) throws IOException {
        synchronized (lock) {
            if (!artim.hasExpired(nowNanos)) {
                return false;
            }
            handle(Event.Evt18, null);
            return true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "StateMachine[" + state + ", " + role + (artim.isRunning() ? ", ARTIM running" : "") + "]";
        }
    }
}
