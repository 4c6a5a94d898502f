package org.dicomsec.ul.net;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.dicomsec.ul.AcceptorPolicy;
import org.dicomsec.ul.Association;
import org.dicomsec.ul.AssociationRejectedException;
import org.dicomsec.ul.AssociationSettings;
import org.dicomsec.ul.DimseHandlers;
import org.dicomsec.ul.transport.PendingConnection;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/**
 * An SCP: accepts transport connections on a {@link TransportAcceptor}, runs each association
 * ({@link Association#accept}, then {@link Association#serve()}) on a bounded pool of worker
 * threads, and shuts down cleanly. Threads exist only between {@link #start()} and
 * {@link #close()}: one acceptor thread and at most {@code workers} workers. Connections beyond
 * the workers wait in a queue of {@code workers * 4}; beyond that they are closed at once.
 */
public final class DicomServer implements Closeable {
    private static final Logger LOG = System.getLogger(DicomServer.class.getName());

    private final TransportAcceptor acceptor;
    private final AcceptorPolicy policy;
    private final DimseHandlers handlers;
    private final AssociationSettings settings;
    private final int workers;
    private final Set<Association> active = ConcurrentHashMap.newKeySet();
    private final Set<TransportConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private ThreadPoolExecutor pool;
    private Thread acceptThread;
    private volatile boolean closing;

    /**
     * @param workers the most associations served at once, at least 1
     */
    public DicomServer(TransportAcceptor acceptor, AcceptorPolicy policy, DimseHandlers handlers,
                       AssociationSettings settings, int workers) {
        this.acceptor = Objects.requireNonNull(acceptor);
        this.policy = Objects.requireNonNull(policy);
        this.handlers = Objects.requireNonNull(handlers);
        this.settings = Objects.requireNonNull(settings);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = workers;
    }

    /** Starts the acceptor thread and the worker pool. */
    public synchronized void start() {
        if (pool != null) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(workers * 4),
                r -> {
                    Thread t = new Thread(r, "dicomsec-scp-" + acceptor.localPort() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        acceptThread = new Thread(this::acceptLoop, "dicomsec-accept-" + acceptor.localPort());
        acceptThread.setDaemon(true);
        acceptThread.start();
        LOG.log(Level.DEBUG, "listening on port {0} with {1} workers", acceptor.localPort(), workers);
    }

    /** The port listened on. */
    public int localPort() {
        return acceptor.localPort();
    }

    /** Associations being served now. */
    public int activeAssociations() {
        return active.size();
    }

    /** Associations accepted so far. */
    public int associationsServed() {
        return served.get();
    }

    /** Connections refused because every worker and queue slot was taken. */
    public long connectionsRefused() {
        return rejected.get();
    }

    private void acceptLoop() {
        while (!closing) {
            PendingConnection pending;
            try {
                pending = acceptor.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed, stopping: {0}", e.getMessage());
                }
                return;
            }
            try {
                pool.execute(() -> serve(pending));
            } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
                LOG.log(Level.WARNING, "{0}: every worker busy, connection closed", pending.remoteAddress());
                pending.abort();
            }
        }
    }

    private void serve(PendingConnection pending) {
        if (closing) {
            pending.abort();
            return;
        }
        TransportConnection conn;
        try {
            conn = pending.handshake(settings.connectTimeoutMillis());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: transport handshake failed: {1}", pending.remoteAddress(), e.getMessage());
            pending.abort();
            return;
        }
        connections.add(conn);
        Association a = null;
        try {
            a = Association.accept(conn, policy, handlers, settings);
            served.incrementAndGet();
            active.add(a);
            if (closing) {
                a.abort();
                return;
            }
            a.serve();
        } catch (AssociationRejectedException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", conn.remoteAddress(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "{0}: association ended: {1}", conn.remoteAddress(), e.getMessage());
        } finally {
            if (a != null) {
                active.remove(a);
                a.close();
            }
            connections.remove(conn);
            conn.abort();
        }
    }

    /** {@link #close(Duration)} with 10 seconds of grace. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Stops accepting, lets running associations finish for up to {@code grace}, then aborts
     * those left (A-ABORT) and closes connections still negotiating, and joins every thread.
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
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.INFO, "aborting {0} associations still running", active.size());
                for (Association a : active) {
                    a.abort();
                }
                // let the A-ABORTs reach the peers (they close, AA-3); then drop what is left,
                // including connections still waiting for their A-ASSOCIATE-RQ (no A-ABORT in Sta2)
                if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    for (TransportConnection c : connections) {
                        c.abort();
                    }
                }
                pool.shutdownNow();
                if (!pool.awaitTermination(grace.toMillis() + settings.artimTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "workers still running after abort");
                }
            }
            acceptThread.join(grace.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
