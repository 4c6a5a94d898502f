package org.dicomsec.ul.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A transport connection that forwards every call to another one: a base for
 * wrappers that watch or audit a connection and override only what they watch
 * (e.g. the streams, or {@link #close()}).
 */
public abstract class ForwardingTransportConnection implements TransportConnection {

    /** The connection calls go to. */
    protected final TransportConnection delegate;

    protected ForwardingTransportConnection(TransportConnection delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public InputStream input() throws IOException {
        return delegate.input();
    }

    @Override
    public OutputStream output() throws IOException {
        return delegate.output();
    }

    @Override
    public PeerIdentity peer() {
        return delegate.peer();
    }

    @Override
    public SecurityDescription security() {
        return delegate.security();
    }

    @Override
    public int recordPayloadSize() {
        return delegate.recordPayloadSize();
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        delegate.setReadTimeout(millis);
    }

    @Override
    public String remoteAddress() {
        return delegate.remoteAddress();
    }

    @Override
    public String localAddress() {
        return delegate.localAddress();
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
