package io.darkroom.thumbnail.media;

import io.darkroom.events.FailureKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs native decodes on {@code workers} threads of its own, each with a deadline counted from when it starts (not
 * from when it was queued). Native code cannot be interrupted, so a decode past its deadline is abandoned: the item
 * fails as TOO_LARGE with the reason, the thread runs on until the decoder returns, and the pool grows by one thread
 * meanwhile so that {@code workers} decodes can still run. At most {@code workers} runaways are replaced; beyond
 * that {@link #stuck()} tells the health check to have the service restarted.
 */
public final class DecodePool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DecodePool.class);

    private enum State { RUNNING, DONE, ABANDONED }

    private final ThreadPoolExecutor pool;
    private final Duration deadline;
    private final int workers;
    private final AtomicInteger runaways = new AtomicInteger();

    public DecodePool(int workers, Duration deadline) {
        this.workers = workers;
        this.deadline = deadline;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "thumbnail-decode-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Work that may throw what a decode throws. */
    @FunctionalInterface
    public interface Decode<T> {
        T run() throws IOException, ThumbnailFailure;
    }

    /** {@code decode}'s result, or a TOO_LARGE failure once it has run longer than the deadline. */
    public <T> T run(Decode<T> decode) throws IOException, ThumbnailFailure {
        CompletableFuture<Void> started = new CompletableFuture<>();
        AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        Callable<T> task = () -> {
            started.complete(null);
            try {
                return decode.run();
            } finally {
                if (!state.compareAndSet(State.RUNNING, State.DONE)) {
                    runawayFinished();
                }
            }
        };
        Future<T> result = pool.submit(task);
        try {
            started.get();
            return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            if (!state.compareAndSet(State.RUNNING, State.ABANDONED)) {
                return finished(result); // it returned just now
            }
            abandoned();
            throw new ThumbnailFailure(FailureKind.TOO_LARGE, ("Decoding took longer than the limit of %d s and was"
                    + " given up (darkroom.thumbnail.decode-timeout)").formatted(Math.max(1, deadline.toSeconds())));
        } catch (ExecutionException failed) {
            throw unwrap(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a decode");
        }
    }

    /** Abandoned decodes still running. */
    public int runaways() {
        return runaways.get();
    }

    /** Whether runaways occupy more threads than are replaced: the service decodes with less than its workers. */
    public boolean stuck() {
        return runaways.get() > workers;
    }

    private void abandoned() {
        int now = runaways.incrementAndGet();
        LOG.warnf("A decode ran past %s and was abandoned; %d abandoned decode(s) still running", deadline, now);
        if (now <= workers) {
            resize(+1);
        }
    }

    private void runawayFinished() {
        int left = runaways.decrementAndGet();
        LOG.infof("An abandoned decode returned; %d still running", left);
        if (left < workers) {
            resize(-1);
        }
    }

    private synchronized void resize(int by) {
        int size = pool.getMaximumPoolSize() + by;
        if (by > 0) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else if (size >= workers) {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    private static <T> T finished(Future<T> result) throws IOException, ThumbnailFailure {
        try {
            return result.get();
        } catch (ExecutionException failed) {
            throw unwrap(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a decode");
        }
    }

    /** The decode's own exception, as thrown from it; the one returned is for the caller to throw. */
    private static RuntimeException unwrap(ExecutionException failed) throws IOException, ThumbnailFailure {
        Throwable cause = failed.getCause();
        if (cause instanceof ThumbnailFailure failure) {
            throw failure;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
