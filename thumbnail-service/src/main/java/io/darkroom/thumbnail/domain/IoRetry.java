package io.darkroom.thumbnail.domain;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Retries work that failed with an {@link IOException} (the derived-files folder unwritable or gone, a full disk, a
 * network share that dropped) with exponential backoff, for up to a time budget, on the calling worker thread. Bad
 * media is never an IOException here ({@link ThumbnailFailure}), so what this retries is the machine, not the file:
 * the item waits until the fault clears instead of going to the dead-letter topic, where nothing would ever redo it.
 * While items wait, the workers are held and the input's consumer lag grows: the library status shows the queue.
 */
public final class IoRetry {

    private static final Logger LOG = Logger.getLogger(IoRetry.class);

    private final Duration budget;
    private final Duration firstPause;
    private final Duration maxPause;
    private final AtomicInteger waiting = new AtomicInteger();

    /** The work to retry. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    public IoRetry(Duration budget, Duration firstPause, Duration maxPause) {
        this.budget = budget;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    /** {@code work}'s result; its last IOException once the budget is spent (the caller nacks the record then). */
    public <T> T run(String what, Work<T> work) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        Duration pause = firstPause;
        boolean counted = false;
        try {
            while (true) {
                try {
                    return work.run();
                } catch (IOException e) {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        LOG.errorf("Giving up on %s after %s: %s", what, budget, e.toString());
                        throw e;
                    }
                    if (!counted) {
                        waiting.incrementAndGet();
                        counted = true;
                    }
                    LOG.warnf("Storage fault on %s, retrying in %s: %s", what, pause, e.toString());
                    sleep(pause);
                    pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
                }
            }
        } finally {
            if (counted) {
                waiting.decrementAndGet();
            }
        }
    }

    /** Items waiting for a storage fault to clear right now. */
    public int waiting() {
        return waiting.get();
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for storage", e);
        }
    }
}
