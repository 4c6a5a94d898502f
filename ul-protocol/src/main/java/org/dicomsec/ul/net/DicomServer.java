package org.dicomsec.ul.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.dicomsec.data.LibraryLog;
import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationAbortedException;
import org.dicomsec.ul.AssociationRejectedException;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.transport.ForwardingTransportConnection;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.RateLimitedLog;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * An SCP: accepts transport connections on a {@link TransportAcceptor} and serves each
 * association ({@link Association#accept}, then {@link Association#serve()}).
 *
 * <p>Two stages, so that connections that do not become associations never hold a worker:
 * <ol>
 *   <li><b>Setup</b>: the transport handshake (TLS, ISCL) and the wait for the A-ASSOCIATE-RQ run
 *       in a setup thread, under one deadline for the whole phase ({@link Builder#setupTimeout},
 *       default {@value #DEFAULT_SETUP_TIMEOUT_SECONDS} s), however slowly the bytes arrive. At most
 *       {@link Builder#maxPending} connections are in setup at once, and at most
 *       {@link Builder#maxPendingPerHost} from one source address: a new connection beyond either
 *       limit closes the oldest one in setup (of that address for the second limit), so a flood of
 *       idle or trickling sockets ages out instead of locking out a legitimate peer.</li>
 *   <li><b>Service</b>: an established association is handed to one of {@code workers} worker
 *       threads (waiting in a queue of {@code workers * 4} when all are busy; beyond it the
 *       association is aborted). Each PDU must arrive whole within {@link Builder#pduTimeout}
 *       of its first byte (default: the settings' read timeout), else the association is
 *       aborted.</li>
 * </ol>
 * Deadlines are watched by one thread ({@link Watchdog}). Threads exist only between
 * {@link #start()} and {@link #close()}. Every accepted connection ends with one call of the
 * {@link Builder#associationEnded} listener.
 */
public final class DicomServer implements Closeable {
    private static final Logger LOG = LibraryLog.logger(DicomServer.class);

    /** Default deadline of the pre-association phase. */
    public static final int DEFAULT_SETUP_TIMEOUT_SECONDS = 20;
    /** Default bound of connections in the pre-association phase. */
    public static final int DEFAULT_MAX_PENDING = 128;
    /** Default bound of connections in the pre-association phase from one address. */
    public static final int DEFAULT_MAX_PENDING_PER_HOST = 64;

    /** How one accepted connection ended, for the {@link Builder#associationEnded} listener. */
    public enum Outcome {
        /** Associated, then released. */
        RELEASED,
        /** Associated, then aborted (either side, a timeout, or a transport failure). */
        ABORTED,
        /** The A-ASSOCIATE-RQ was answered with an A-ASSOCIATE-RJ. */
        REJECTED,
        /** No association: the transport handshake failed, or no acceptable A-ASSOCIATE-RQ came in time. */
        NOT_ASSOCIATED,
        /** Closed by admission control (a setup limit, or every worker and queue slot taken) or by shutdown. */
        REFUSED
    }

    /**
     * One accepted connection's end.
     *
     * @param remoteAddress  "host:port"
     * @param callingAeTitle the peer's AE title, or null when no A-ASSOCIATE-RQ was accepted
     * @param calledAeTitle  our AE title as called, or null
     * @param outcome        how it ended
     * @param failure        what ended it when not a release (may be null)
     */
    public record AssociationEnd(String remoteAddress, String callingAeTitle, String calledAeTitle, Outcome outcome,
                                 Throwable failure) {
    }

    private final TransportAcceptor acceptor;
    private final AcceptorPolicy policy;
    private final DimseHandlers handlers;
    private final AssociationSettings settings;
    private final int workers;
    private final int maxPending;
    private final int maxPendingPerHost;
    private final long setupTimeoutMillis;
    private final long pduTimeoutMillis;
    private final Consumer<AssociationEnd> ended;
    /** Run once by {@link #close(Duration)} after every association has ended (or null). */
    private final Runnable closed;

    private final Set<Association> active = ConcurrentHashMap.newKeySet();
    private final Set<TransportConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object admission = new Object();
    private final LinkedHashSet<Pending> pending = new LinkedHashSet<>();
    private final Map<String, Integer> pendingByHost = new HashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final RateLimitedLog serverLog = new RateLimitedLog(LOG, 20, 60_000_000_000L);
    private ThreadPoolExecutor pool;
    private ThreadPoolExecutor setupPool;
    /** Setup threads at once: twice {@link #maxPending}, as connections being closed may still hold theirs. */
    private final Semaphore setupThreads;
    /** How long a new connection waits for a setup thread before it is refused. */
    static final long SETUP_THREAD_WAIT_MILLIS = 2_000;
    private Watchdog watchdog;
    private Thread acceptThread;
    private volatile boolean closing;

    /**
     * A server with the default admission limits; same as {@code builder(acceptor)} with these.
     *
     * @param workers the most associations served at once, at least 1
     */
    public DicomServer(TransportAcceptor acceptor, AcceptorPolicy policy, DimseHandlers handlers,
                       AssociationSettings settings, int workers) {
        this(builder(acceptor).policy(policy).handlers(handlers).settings(settings).workers(workers));
    }

    private DicomServer(Builder b) {
        this.acceptor = Objects.requireNonNull(b.acceptor, "acceptor");
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.handlers = Objects.requireNonNull(b.handlers, "handlers");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        if (b.workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = b.workers;
        this.maxPending = b.maxPending;
        this.maxPendingPerHost = b.maxPendingPerHost == 0 ? b.maxPending : b.maxPendingPerHost;
        this.setupThreads = new Semaphore(b.maxPending * 2);
        this.setupTimeoutMillis = b.setupTimeout.toMillis();
        this.pduTimeoutMillis = b.pduTimeout != null ? b.pduTimeout.toMillis() : settings.readTimeoutMillis();
        this.ended = b.ended;
        this.closed = b.closed;
    }

    /** A builder for a server listening on {@code acceptor}. */
    public static Builder builder(TransportAcceptor acceptor) {
        return new Builder(acceptor);
    }

    /** Starts the acceptor thread, the setup and worker pools and the deadline watch. */
    public synchronized void start() {
        if (pool != null) {
            throw new IllegalStateException("already started");
        }
        int port = acceptor.localPort();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(workers * 4),
                r -> daemon(r, "dicomsec-scp-" + port + "-" + n.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        AtomicInteger m = new AtomicInteger();
        // connections being dropped may still hold their thread for a moment: room for twice the limit,
        // counted by setupThreads (a thread ending its task may not yet be back in the pool: no cap here)
        setupPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "dicomsec-setup-" + port + "-" + m.incrementAndGet()));
        watchdog = new Watchdog("dicomsec-deadlines-" + port, this::deadlinePassed);
        acceptThread = daemon(this::acceptLoop, "dicomsec-accept-" + port);
        acceptThread.start();
        LOG.log(Level.DEBUG, "listening on port {0} with {1} workers, at most {2} connections in setup ({3} per "
                + "address), setup deadline {4} ms, PDU deadline {5} ms", String.valueOf(port), workers, maxPending,
                maxPendingPerHost, setupTimeoutMillis, pduTimeoutMillis);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The port listened on. */
    public int localPort() {
        return acceptor.localPort();
    }

    /** Associations being served now. */
    public int activeAssociations() {
        return active.size();
    }

    /** Connections in the pre-association phase now. */
    public int pendingConnections() {
        synchronized (admission) {
            return pending.size();
        }
    }

    /** Associations accepted so far. */
    public int associationsServed() {
        return served.get();
    }

    /** Connections closed by admission control: a setup limit reached, or every worker and queue slot taken. */
    public long connectionsRefused() {
        return refused.get();
    }

    /** Connections dropped because the setup or a PDU deadline passed. */
    public long deadlinesExpired() {
        return expired.get();
    }

    // ------------------------------------------------------------------ admission

    /** A connection in the pre-association phase. */
    private final class Pending {
        final PendingConnection connection;
        final String host;
        final Watchdog.Watched watch;
        volatile TransportConnection conn;
        volatile Association association;
        /** Set once, under {@code admission}: the connection left the setup stage (or was dropped). */
        boolean left;
        volatile boolean dropped;

        Pending(PendingConnection connection) {
            this.connection = connection;
            String remote = connection.remoteAddress();
            int colon = remote.lastIndexOf(':');
            this.host = colon > 0 ? remote.substring(0, colon) : remote;
            this.watch = watchdog.watch(remote, this::drop, pduTimeoutMillis);
        }

        /** Drops the connection at once, whatever its stage. */
        void drop() {
            Association a = association;
            if (a != null) {
                a.abort();
            }
            TransportConnection c = conn;
            if (c != null) {
                c.abort();
            }
            connection.abort();
        }
    }

    private void acceptLoop() {
        while (!closing) {
            PendingConnection c;
            try {
                c = acceptor.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed, stopping: {0}", e.getMessage());
                }
                return;
            }
            Pending p = new Pending(c);
            p.watch.armSetup(setupTimeoutMillis);
            admit(p);
            // the connections admit() closed give their setup threads back within moments: a new
            // connection waits for one that long rather than being refused for a flood's leftovers
            boolean thread;
            try {
                thread = setupThreads.tryAcquire(SETUP_THREAD_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                refuse(p, "stopping");
                return;
            }
            if (!thread) {
                refuse(p, "no setup thread free");
                continue;
            }
            try {
                setupPool.execute(() -> {
                    try {
                        setup(p);
                    } finally {
                        setupThreads.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                setupThreads.release();
                refuse(p, "no setup thread free");
            }
        }
    }

    /** Adds {@code p} to the setup stage, closing the oldest connections beyond the limits. */
    private void admit(Pending p) {
        Pending evictHost = null;
        Pending evictAny = null;
        synchronized (admission) {
            if (pendingByHost.getOrDefault(p.host, 0) >= maxPendingPerHost) {
                for (Pending q : pending) {
                    if (q.host.equals(p.host)) {
                        evictHost = q;
                        break;
                    }
                }
                leave(evictHost);
            }
            if (pending.size() >= maxPending) {
                Iterator<Pending> it = pending.iterator();
                evictAny = it.next();
                leave(evictAny);
            }
            pending.add(p);
            pendingByHost.merge(p.host, 1, Integer::sum);
        }
        if (evictHost != null) {
            evict(evictHost, maxPendingPerHost + " connections from " + p.host + " in setup");
        }
        if (evictAny != null) {
            evict(evictAny, maxPending + " connections in setup");
        }
    }

    /** Takes {@code p} out of the setup stage; false if it had left already. Call under {@code admission}. */
    private boolean leave(Pending p) {
        if (p == null || p.left) {
            return false;
        }
        p.left = true;
        pending.remove(p);
        pendingByHost.computeIfPresent(p.host, (h, k) -> k == 1 ? null : k - 1);
        return true;
    }

    private boolean leaveStage(Pending p) {
        synchronized (admission) {
            return leave(p);
        }
    }

    private void evict(Pending p, String why) {
        p.dropped = true;
        refused.incrementAndGet();
        serverLog.log(Level.WARNING, "{0}: closed, oldest of {1} (limit reached)", p.connection.remoteAddress(), why);
        p.drop();
    }

    private void refuse(Pending p, String why) {
        leaveStage(p);
        p.dropped = true;
        refused.incrementAndGet();
        serverLog.log(Level.WARNING, "{0}: refused: {1}", p.connection.remoteAddress(), why);
        p.drop();
        end(p, null, Outcome.REFUSED, null);
    }

    private void deadlinePassed(Watchdog.Watched w, String what, long timeoutMillis) {
        expired.incrementAndGet();
        serverLog.log(Level.WARNING, "{0}: {1} not complete within {2} ms, connection closed", w.remote, what,
                String.valueOf(timeoutMillis));
    }

    // ------------------------------------------------------------------ setup stage

    private void setup(Pending p) {
        if (closing || p.dropped) {
            leaveStage(p);
            p.drop();
            end(p, null, Outcome.REFUSED, null);
            return;
        }
        TransportConnection conn;
        try {
            conn = p.connection.handshake(p.watch.setupMillisLeft());
        } catch (IOException | RuntimeException e) {
            leaveStage(p);
            p.connection.abort();
            if (!p.dropped && !closing && !p.watch.expired) {
                serverLog.log(Level.WARNING, "{0}: transport handshake failed: {1}", p.connection.remoteAddress(),
                        e.getMessage());
            }
            end(p, null, p.dropped || closing ? Outcome.REFUSED : Outcome.NOT_ASSOCIATED, e);
            return;
        }
        p.conn = conn;
        if (p.dropped || closing) {
            leaveStage(p);
            p.drop();
            end(p, null, Outcome.REFUSED, null);
            return;
        }
        connections.add(conn);
        Association a;
        try {
            a = Association.accept(new TimedConnection(conn, p.watch), policy, handlers, settings);
        } catch (AssociationRejectedException e) {
            leaveStage(p);
            LOG.log(Level.DEBUG, "{0}: {1}", conn.remoteAddress(), e.getMessage());
            finish(p, conn, null, Outcome.REJECTED, e);
            return;
        } catch (IOException | RuntimeException e) {
            leaveStage(p);
            LOG.log(Level.DEBUG, "{0}: no association: {1}", conn.remoteAddress(), e.getMessage());
            finish(p, conn, null, p.dropped || closing ? Outcome.REFUSED : Outcome.NOT_ASSOCIATED, e);
            return;
        }
        p.association = a;
        if (!leaveStage(p) || p.dropped) {
            // dropped by admission control while the A-ASSOCIATE-AC went out
            a.abort();
            finish(p, conn, a, Outcome.REFUSED, null);
            return;
        }
        p.watch.disarmSetup();
        served.incrementAndGet();
        active.add(a);
        if (closing) {
            a.abort();
            finish(p, conn, a, Outcome.REFUSED, null);
            return;
        }
        try {
            pool.execute(() -> serve(p, conn, a));
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            serverLog.log(Level.WARNING, "{0}: every worker busy and {1} associations waiting, association aborted",
                    conn.remoteAddress(), workers * 4);
            a.abort();
            finish(p, conn, a, Outcome.REFUSED, null);
        }
    }

    // ------------------------------------------------------------------ service stage

    private void serve(Pending p, TransportConnection conn, Association a) {
        Outcome outcome = Outcome.RELEASED;
        Throwable failure = null;
        try {
            if (closing) {
                a.abort();
                outcome = Outcome.ABORTED;
                return;
            }
            a.serve();
        } catch (IOException | RuntimeException e) {
            outcome = Outcome.ABORTED;
            failure = e;
            LOG.log(Level.DEBUG, "{0}: association ended: {1}", conn.remoteAddress(), e.getMessage());
        } finally {
            finish(p, conn, a, outcome, failure);
        }
    }

    private void finish(Pending p, TransportConnection conn, Association a, Outcome outcome, Throwable failure) {
        if (a != null) {
            active.remove(a);
            a.close();
        }
        connections.remove(conn);
        conn.abort();
        end(p, a, outcome, failure);
    }

    private void end(Pending p, Association a, Outcome outcome, Throwable failure) {
        watchdog.forget(p.watch);
        if (ended == null) {
            return;
        }
        if (outcome == Outcome.ABORTED && failure == null) {
            failure = new AssociationAbortedException(AssociationAbortedException.Kind.LOCAL_ABORT, 0, 0,
                    "aborted here", null);
        }
        try {
            ended.accept(new AssociationEnd(p.connection.remoteAddress(), a == null ? null : a.callingAeTitle(),
                    a == null ? null : a.calledAeTitle(), outcome, failure));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "association-ended listener failed: {0}", e.toString());
        }
    }

    /** The connection as the Upper Layer sees it: its input reports PDU boundaries to the watchdog. */
    private static final class TimedConnection extends ForwardingTransportConnection {
        private final Watchdog.Watched watch;
        private InputStream input;

        TimedConnection(TransportConnection delegate, Watchdog.Watched watch) {
            super(delegate);
            this.watch = watch;
        }

        @Override
        public synchronized InputStream input() throws IOException {
            if (input == null) {
                input = new PduTimedInput(delegate.input(), watch);
            }
            return input;
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** How long {@link #close()} lets running associations go on before it aborts them. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Stops accepting, closes connections still in setup, lets running associations finish for
     * up to {@code grace} (zero: none), then aborts those left (A-ABORT), and joins every thread.
     */
    public synchronized void close(Duration grace) {
        if (closing) {
            return;
        }
        closing = true;
        try {
            acceptor.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the acceptor: {0}", e.getMessage());
        }
        if (pool == null) {
            if (closed != null) {
                closed.run();
            }
            return;
        }
        Pending[] inSetup;
        synchronized (admission) {
            inSetup = pending.toArray(new Pending[0]);
        }
        for (Pending p : inSetup) {
            p.dropped = true;
            p.drop();
        }
        setupPool.shutdown();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.INFO, "aborting {0} associations still running", active.size());
                for (Association a : active) {
                    a.abort();
                }
                // let the A-ABORTs reach the peers (they close, AA-3); then drop what is left (a
                // second at least: with no grace the aborts still go out)
                if (!pool.awaitTermination(Math.max(grace.toMillis(), 1000), TimeUnit.MILLISECONDS)) {
                    for (TransportConnection c : connections) {
                        c.abort();
                    }
                }
                pool.shutdownNow();
                if (!pool.awaitTermination(grace.toMillis() + settings.artimTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "workers still running after abort");
                }
            }
            if (!setupPool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                for (TransportConnection c : connections) {
                    c.abort();
                }
                setupPool.shutdownNow();
            }
            acceptThread.join(grace.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.close();
            if (closed != null) {
                closed.run();
            }
        }
    }

    /** Options of a {@link DicomServer}; every limit has a documented default. */
    public static final class Builder {
        private final TransportAcceptor acceptor;
        private AcceptorPolicy policy;
        private DimseHandlers handlers = DimseHandlers.NONE;
        private AssociationSettings settings = AssociationSettings.DEFAULT;
        private int workers = 8;
        private int maxPending = DEFAULT_MAX_PENDING;
        private int maxPendingPerHost = DEFAULT_MAX_PENDING_PER_HOST;
        private Duration setupTimeout = Duration.ofSeconds(DEFAULT_SETUP_TIMEOUT_SECONDS);
        private Duration pduTimeout;
        private Consumer<AssociationEnd> ended;
        private Runnable closed;

        private Builder(TransportAcceptor acceptor) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        }

        /** How A-ASSOCIATE-RQs are answered (required). */
        public Builder policy(AcceptorPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** The handlers of the peers' requests (default: none; C-ECHO is always served). */
        public Builder handlers(DimseHandlers handlers) {
            this.handlers = Objects.requireNonNull(handlers);
            return this;
        }

        /** Limits and timeouts of each association (default {@link AssociationSettings#DEFAULT}). */
        public Builder settings(AssociationSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        /** The most associations served at once (default 8). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = workers;
            return this;
        }

        /** The most connections in the pre-association phase at once (default {@value #DEFAULT_MAX_PENDING}). */
        public Builder maxPending(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max pending must be at least 1");
            }
            this.maxPending = n;
            return this;
        }

        /**
         * The most connections in the pre-association phase from one address (default
         * {@value #DEFAULT_MAX_PENDING_PER_HOST}; 0: only {@link #maxPending} applies).
         */
        public Builder maxPendingPerHost(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max pending per host must be 0 or more");
            }
            this.maxPendingPerHost = n;
            return this;
        }

        /**
         * The deadline of the whole pre-association phase: the transport handshake and the
         * A-ASSOCIATE-RQ (default {@value #DEFAULT_SETUP_TIMEOUT_SECONDS} s; the ARTIM timer of the
         * settings may end it sooner).
         */
        public Builder setupTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("setup timeout must be positive");
            }
            this.setupTimeout = d;
            return this;
        }

        /** How long one PDU may take from its first byte to its last (default: the settings' read timeout; 0: none). */
        public Builder pduTimeout(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("PDU timeout must not be negative");
            }
            this.pduTimeout = d;
            return this;
        }

        /** Called once for every accepted connection when it ends, in the thread that served it. */
        public Builder associationEnded(Consumer<AssociationEnd> listener) {
            this.ended = listener;
            return this;
        }

        /**
         * Run once when the server is closed, after its associations have ended: for the handlers'
         * own shutdown (e.g. background work of a store that must end before its folder goes).
         */
        public Builder whenClosed(Runnable action) {
            this.closed = action;
            return this;
        }

        public DicomServer build() {
            return new DicomServer(this);
        }
    }
}
