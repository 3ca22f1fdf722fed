package io.darkroom.thumbnail;

import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Removes the {@code .<name>…partial} temporaries that a thumbnail-service killed mid-file (kill -9, OOM, power loss)
 * left in the derived-files folder: once at start, on a thread of its own, since the walk visits every item's folder.
 * Only temporaries untouched for {@link #STALE_AFTER} go, so another instance writing into the same folder keeps its own.
 */
@ApplicationScoped
public class StaleTemporarySweep {

    private static final Logger LOG = Logger.getLogger(StaleTemporarySweep.class);
    /** A tile is written in milliseconds; one untouched this long belongs to a dead process. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private final StorageLayout storage;

    StaleTemporarySweep(StorageConfig storage) {
        this.storage = StorageLayout.from(storage);
    }

    void onStart(@Observes StartupEvent started) {
        Thread thread = new Thread(this::sweep, "thumbnail-temporary-sweep");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Sweeps now; returns how many temporaries went (0 when the walk failed: it is logged, and tried next start). */
    int sweep() {
        long started = System.nanoTime();
        try {
            int deleted = storage.sweepStaleTemporaries(STALE_AFTER);
            LOG.infof("Removed %d stale temporary file(s) from %s in %d ms", deleted, storage.root(),
                    (System.nanoTime() - started) / 1_000_000);
            return deleted;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not sweep stale temporaries from %s: %s", storage.root(), e.toString());
            return 0;
        }
    }
}
