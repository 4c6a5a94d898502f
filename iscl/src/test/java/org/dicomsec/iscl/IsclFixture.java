package org.dicomsec.iscl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dicomsec.iscl.crypto.DesKey;
import org.dicomsec.iscl.keys.IsclKeyring;
import org.dicomsec.iscl.keys.SoftwareKeyCard;
import org.dicomsec.ul.transport.TransportAcceptor;
import org.dicomsec.ul.transport.TransportConnection;

/** Shared set-up of the socket tests: ALICE and BOB sharing key K, a one-connection server. */
public final class IsclFixture {

    public static final byte[] K = TestVectors.hex("0123456789ABCDEF");
    public static final byte[] OTHER_K = TestVectors.hex("FEDCBA9876543210");
    public static final Map<String, String> BOB_FLAGS = Map.of();
    public static final Map<String, String> ALICE_FLAGS = Map.of("profile.online-storage", "true");

    private IsclFixture() {
    }

    public static IsclKeyring ring(String local, String remote, byte[] key, Map<String, String> flags) {
        IsclKeyring r = IsclKeyring.create();
        r.put(local, remote, DesKey.longTerm(key), flags);
        return r;
    }

    /** ALICE's side: key for (ALICE, BOB); BOB's entry carries no flags. */
    public static IsclConfig.Builder alice() {
        return IsclConfig.builder(new SoftwareKeyCard(ring("ALICE", "BOB", K, BOB_FLAGS)), "ALICE");
    }

    /** BOB's side: key for (BOB, ALICE); ALICE's entry says online storage. */
    public static IsclConfig.Builder bob() {
        return IsclConfig.builder(new SoftwareKeyCard(ring("BOB", "ALICE", K, ALICE_FLAGS)), "BOB");
    }

    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** What the server does with its connection. */
    @FunctionalInterface
    public interface Handler<T> {
        T handle(TransportConnection c) throws Exception;
    }

    /** Accepts one ISCL connection on a free loopback port in a worker thread. */
    public static final class OneShotServer<T> implements AutoCloseable {
        private final TransportAcceptor acceptor;
        private final ExecutorService exec = Executors.newSingleThreadExecutor();
        private final Future<T> result;

        public OneShotServer(IsclConfig config, int handshakeTimeoutMillis, Handler<T> handler) throws IOException {
            acceptor = Iscl.acceptor(config, InetAddress.getLoopbackAddress(), 0);
            result = exec.submit(() -> {
                try (TransportConnection c = acceptor.accept().handshake(handshakeTimeoutMillis)) {
                    return handler.handle(c);
                }
            });
        }

        public int port() {
            return acceptor.localPort();
        }

        /** The handler's result; its exception is rethrown as is. */
        public T get() throws Exception {
            try {
                return result.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception x) {
                    throw x;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            acceptor.close();
            exec.shutdownNow();
        }
    }
}
