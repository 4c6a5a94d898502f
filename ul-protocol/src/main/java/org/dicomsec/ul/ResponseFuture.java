package org.dicomsec.ul;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a response to a pipelined request: {@link #get()} and {@link #join()} read the
 * association until it is done (no thread of the library does it in the background), so a caller
 * that waits on it never waits for nothing. A read that fails completes it exceptionally.
 */
final class ResponseFuture<T> extends CompletableFuture<T> {
    private final DimseService dimse;

    ResponseFuture(DimseService dimse) {
        this.dimse = dimse;
    }

    private void drive() {
        if (isDone()) {
            return;
        }
        try {
            dimse.await(this);
        } catch (IOException e) {
            completeExceptionally(e);
        }
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        drive();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        drive();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        drive();
        return super.join();
    }
}
