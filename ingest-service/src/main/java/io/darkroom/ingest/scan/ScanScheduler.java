package io.darkroom.ingest.scan;

import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.domain.ScanScope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drives {@link ScanService} on one dedicated thread, so that scans never overlap: a full scan at start-up and
 * {@code darkroom.ingest.scan-interval} after the previous one ended; folder scans asked for by the file-system watch
 * and by rescan commands ({@link #request(ScanScope)}), gathered for a moment so that a burst of events is one scan;
 * and a settle check whenever a pending file's settle time has passed.
 */
@ApplicationScoped
public class ScanScheduler {

    private static final Logger LOG = Logger.getLogger(ScanScheduler.class);
    /** Watch events and commands arriving within this window are scanned together (one reconciliation). */
    private static final Duration GATHER = Duration.ofMillis(100);

    private final ScanService scans;
    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final Set<ScanScope> requested = new LinkedHashSet<>();
    private boolean drainScheduled;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> settleCheck;
    private Instant settleCheckAt;
    private LibraryWatcher watcher;

    public ScanScheduler(ScanService scans, IngestConfig config, IngestMetrics metrics) {
        this.scans = scans;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        stop();
    }

    public void start() throws IOException {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "darkroom-scan");
            thread.setDaemon(true);
            return thread;
        });
        if (config.watch()) {
            watcher = new LibraryWatcher(scans.roots().all(), ScanService.pathFilter(config), this::request,
                    metrics::watchedFolders);
            watcher.start();
        }
        executor.scheduleWithFixedDelay(() -> run("Scan", scans::scan), 0, config.scanInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.infof("Scanning the library every %s (settle time %s), file-system watch %s", config.scanInterval(),
                config.settleTime(), config.watch() ? "on" : "off");
    }

    public void stop() throws InterruptedException, IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Asks for a scan of {@code scope} soon (watch events, rescan commands). Returns at once; any thread. */
    public void request(ScanScope scope) {
        synchronized (requested) {
            requested.add(scope);
            if (drainScheduled || executor == null || executor.isShutdown()) {
                return;
            }
            drainScheduled = true;
        }
        executor.schedule(() -> run("Requested scan", this::drain), GATHER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drain() throws IOException, InterruptedException {
        List<ScanScope> scopes;
        synchronized (requested) {
            scopes = new ArrayList<>(requested);
            requested.clear();
            drainScheduled = false;
        }
        List<ScanScope> distinct = scopes.stream()
                .filter(s -> scopes.stream().noneMatch(o -> !o.equals(s) && o.covers(s)))
                .toList();
        if (!distinct.isEmpty()) {
            scans.scan(distinct);
        }
    }

    private interface ScanTask {
        void run() throws IOException, InterruptedException;
    }

    private void run(String what, ScanTask task) {
        try {
            task.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // Never let an exception escape: it would silently cancel every later full scan.
            LOG.errorf(e, "%s failed; the next full scan starts within %s", what, config.scanInterval());
        }
        scheduleSettleCheck();
    }

    /** Keeps exactly one settle check scheduled, at the earliest time a pending file can settle. Scan thread only. */
    private void scheduleSettleCheck() {
        if (executor.isShutdown()) {
            return;
        }
        Optional<Instant> due = scans.nextSettleDue();
        if (due.isEmpty()) {
            return;
        }
        if (settleCheck != null && !settleCheck.isDone() && !settleCheckAt.isAfter(due.get())) {
            return; // an earlier or equal check is already scheduled
        }
        if (settleCheck != null) {
            settleCheck.cancel(false);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), due.get()).toMillis() + 1);
        settleCheckAt = due.get();
        settleCheck = executor.schedule(() -> {
            settleCheck = null;
            run("Settle check", scans::settlePending);
        }, delay, TimeUnit.MILLISECONDS);
    }
}
