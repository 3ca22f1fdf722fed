package io.darkroom.ingest.scan;

import io.darkroom.platform.storage.ContentHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hashes files on a small pool while the caller consumes the results in the order it asked for them. A sliding window
 * of a few files per thread keeps every thread busy (a large video does not stall the others) and bounds what is held
 * in memory to digests, never file contents. The caller's thread does everything else (settling, state, publishing),
 * so the scan's decisions stay single-threaded.
 */
public final class ParallelHasher implements AutoCloseable {

    /** Files queued per thread ahead of the one the caller waits for. */
    private static final int WINDOW_PER_THREAD = 4;

    /** The digest of one file, or why it could not be read. */
    public record Result<T>(T item, String contentHash, IOException failure) {
    }

    private final ThreadPoolExecutor pool;
    private final int window;

    public ParallelHasher(int threads) {
        int size = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "darkroom-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true); // idle between scans: no threads kept
        window = size * WINDOW_PER_THREAD;
    }

    /** Threads used when none are configured: one per core, since hashing a local file is CPU-bound. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The results for {@code items}, in their order, hashed ahead of the caller. Abandoning the iteration (an
     * exception, or interruption) should be followed by {@link Ordered#cancel()}.
     */
    public <T> Ordered<T> hashAll(Iterable<T> items, Function<T, Path> fileOf) {
        return new Ordered<>(items.iterator(), fileOf);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** An in-order iterator over results being computed ahead of it. */
    public final class Ordered<T> {

        private final Iterator<T> items;
        private final Function<T, Path> fileOf;
        private final ArrayDeque<Future<Result<T>>> inFlight = new ArrayDeque<>();

        private Ordered(Iterator<T> items, Function<T, Path> fileOf) {
            this.items = items;
            this.fileOf = fileOf;
            fill();
        }

        public boolean hasNext() {
            return !inFlight.isEmpty();
        }

        /** The next result in order, waiting for it if its file is still being read. */
        public Result<T> next() throws InterruptedException {
            Future<Result<T>> head = inFlight.removeFirst();
            fill();
            try {
                return head.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Hashing failed unexpectedly", e.getCause());
            }
        }

        /** Stops the files not yet consumed from being read. */
        public void cancel() {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
        }

        private void fill() {
            while (inFlight.size() < window && items.hasNext()) {
                T item = items.next();
                Path file = fileOf.apply(item);
                inFlight.addLast(pool.submit(() -> {
                    try {
                        return new Result<>(item, ContentHash.of(file), null);
                    } catch (IOException e) {
                        return new Result<>(item, null, e);
                    }
                }));
            }
        }
    }
}
