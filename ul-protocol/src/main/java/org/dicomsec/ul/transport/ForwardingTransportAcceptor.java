package org.dicomsec.ul.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * A transport acceptor that forwards every call to another one and lets a
 * subclass see, and replace, each connection once its security handshake has
 * run: a base for acceptors that watch, audit or admit connections (the
 * acceptor-side companion of {@link ForwardingTransportConnection}).
 *
 * <p>{@link #established} runs in the thread that called
 * {@link PendingConnection#handshake(int)} (the server's worker), never in the
 * accepting thread, so a slow check does not hold up other peers.
 *
 * <pre>{@code
 * TransportAcceptor counting = new ForwardingTransportAcceptor(PlainTcp.acceptor(port)) {
 *     protected TransportConnection established(TransportConnection c) {
 *         connections.incrementAndGet();
 *         return c;
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingTransportAcceptor implements TransportAcceptor {

    /** The acceptor calls go to. */
    protected final TransportAcceptor delegate;

    /** @param delegate the acceptor that listens */
    protected ForwardingTransportAcceptor(TransportAcceptor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The connection to hand to the server in place of {@code c}, which has just
     * completed its handshake: {@code c} itself (the default), a wrapper of it
     * (e.g. a {@link ForwardingTransportConnection}), or an IOException to refuse
     * it, in which case the implementation must close or abort {@code c} first.
     */
    protected TransportConnection established(TransportConnection c) throws IOException {
        return c;
    }

    /**
     * Told when the handshake of {@code pending} failed, before {@code failure}
     * goes on to the caller of {@link PendingConnection#handshake(int)}. Does
     * nothing by default; must not throw.
     */
    protected void handshakeFailed(PendingConnection pending, IOException failure) {
    }

    @Override
    public PendingConnection accept() throws IOException {
        PendingConnection p = delegate.accept();
        return new PendingConnection() {
            @Override
            public TransportConnection handshake(int timeoutMillis) throws IOException {
                TransportConnection c;
                try {
                    c = p.handshake(timeoutMillis);
                } catch (IOException e) {
                    handshakeFailed(p, e);
                    throw e;
                }
                return established(c);
            }

            @Override
            public String remoteAddress() {
                return p.remoteAddress();
            }

            @Override
            public void abort() {
                p.abort();
            }
        };
    }

    @Override
    public int localPort() {
        return delegate.localPort();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
