package io.darkroom.ingest.scan;

import io.darkroom.ingest.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs a full scan at start-up and then {@code darkroom.ingest.scan-interval} after the previous one ended, on one
 * dedicated thread: a scan of a large library may take hours, and scans never overlap.
 */
@ApplicationScoped
public class ScanScheduler {

    private static final Logger LOG = Logger.getLogger(ScanScheduler.class);

    private final ScanService scans;
    private final IngestConfig config;
    private ScheduledExecutorService executor;

    public ScanScheduler(ScanService scans, IngestConfig config) {
        this.scans = scans;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "darkroom-scan");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::scanOnce, 0, config.scanInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Scanning the library every %s (settle time %s)", config.scanInterval(), config.settleTime());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void scanOnce() {
        try {
            scans.scan();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Never let an exception escape: it would silently cancel every later scan.
            LOG.errorf(e, "Scan failed; the next one starts in %s", config.scanInterval());
        }
    }
}
