package io.darkroom.ingest.scan;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.domain.FileStat;
import io.darkroom.ingest.domain.HashedFile;
import io.darkroom.ingest.domain.MoveDetector;
import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.PublishedState;
import io.darkroom.ingest.domain.Reconciliation;
import io.darkroom.ingest.domain.RootScan;
import io.darkroom.ingest.domain.Settler;
import io.darkroom.ingest.messaging.FileEventPublisher;
import io.darkroom.ingest.persistence.PublishedStateStore;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.ContentHash;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * One full reconciliation scan: walk every root (stat only), settle new and changed files, hash them, publish
 * FileDiscovered / FileMoved / FileRemoved, and record what the broker acknowledged. Scans run one at a time on
 * the scan thread ({@link ScanScheduler}). A singleton, so that a missing library root fails the start-up.
 */
@Singleton
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    /** Events sent to the broker before waiting for their acknowledgements. */
    private static final int PUBLISH_BATCH = 100;
    /** During a long first scan, the snapshot is also written at most this often, so a crash repeats little work. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(1);

    private final IngestConfig config;
    private final LibraryRoots roots;
    private final PublishedStateStore store;
    private final FileEventPublisher publisher;
    private final IngestMetrics metrics;
    private final LibraryWalker walker;
    private final Settler settler;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> unavailableRoots = new TreeSet<>();
    private PublishedState state;
    private boolean stateDirty;
    private Instant lastSaved = Instant.EPOCH;

    public ScanService(IngestConfig config, LibraryConfig library, PublishedStateStore store,
            FileEventPublisher publisher, IngestMetrics metrics) {
        this.config = config;
        this.roots = LibraryRoots.from(library);
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.walker = new LibraryWalker(new PathFilter(config.include(), config.exclude().orElse(List.of())));
        this.settler = new Settler(config.settleTime());
    }

    /** What one scan did, for the log line and for tests. */
    public record ScanReport(int filesSeen, long unchanged, int hashed, long bytesHashed, int discovered, int moved,
            int removed, int pending, Set<String> unavailableRoots, Duration took) {
    }

    public synchronized ScanReport scan() throws IOException, InterruptedException {
        if (state == null) {
            state = store.load();
            LOG.infof("Loaded the ingest state: %d published files (%s)", state.size(), store.file());
        }
        Instant started = clock.instant();
        List<RootScan> scans = roots.all().entrySet().stream().map(e -> walker.walk(e.getKey(), e.getValue())).toList();
        Reconciliation.Diff diff = Reconciliation.diff(state, scans);
        reportAvailability(scans, diff.unavailableRoots());

        Set<FileLocation> seen = new HashSet<>();
        scans.forEach(s -> seen.addAll(s.files().keySet()));
        settler.retainOnly(seen);
        List<FileStat> settled = settle(diff.changed());

        Counts counts = new Counts();
        MoveDetector moves = new MoveDetector(diff.gone());
        List<FileEvent> batch = new ArrayList<>();
        for (FileStat stat : settled) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("Scan interrupted");
            }
            hash(stat, counts).ifPresent(file -> batch.add(moves.eventFor(file, state.contains(stat.location()))));
            if (batch.size() >= PUBLISH_BATCH) {
                publish(batch, counts);
                batch.clear();
            }
        }
        publish(batch, counts);
        publish(moves.removals(settler.pendingSizes()), counts);
        if (stateDirty) {
            save();
        }

        metrics.filesPending(settler.pendingCount());
        ScanReport report = new ScanReport(seen.size(), diff.unchanged(), counts.hashed, counts.bytes,
                counts.discovered, counts.moved, counts.removed, settler.pendingCount(), diff.unavailableRoots(),
                Duration.between(started, clock.instant()));
        log(report);
        return report;
    }

    /** Files whose size and time held still for the settle time: observed now, and re-stat'ed once if still young. */
    private List<FileStat> settle(List<FileStat> changed) throws InterruptedException {
        List<FileStat> settled = new ArrayList<>();
        List<FileStat> waiting = new ArrayList<>();
        Instant firstLook = clock.instant();
        for (FileStat stat : changed) {
            (settler.observe(stat, firstLook) ? settled : waiting).add(stat);
        }
        if (waiting.isEmpty()) {
            return settled;
        }
        Instant due = waiting.stream().map(s -> settler.settlesAt(s.location()).orElse(firstLook))
                .max(Instant::compareTo).orElse(firstLook);
        long waitMillis = Duration.between(clock.instant(), due).toMillis() + 1; // toMillis() rounds down
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        Instant now = clock.instant();
        for (FileStat stat : waiting) {
            Optional<FileStat> again = stat(stat.location());
            if (again.isEmpty()) {
                settler.forget(stat.location());
            } else if (settler.observe(again.get(), now)) {
                settled.add(again.get());
            }
        }
        return settled;
    }

    /** Hashes a settled file; empty when it changed or vanished while being read (it settles again next scan). */
    private Optional<HashedFile> hash(FileStat stat, Counts counts) {
        Path file = roots.resolve(stat.location());
        String hash;
        try {
            hash = ContentHash.of(file);
        } catch (NoSuchFileException e) {
            settler.forget(stat.location());
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("Could not read %s, it is tried again next scan: %s", file, e.toString());
            return Optional.empty();
        }
        counts.hashed++;
        counts.bytes += stat.sizeBytes();
        metrics.hashed(stat.sizeBytes());
        Optional<FileStat> after = stat(stat.location());
        if (after.isEmpty() || !after.get().sameSizeAndTime(stat.sizeBytes(), stat.modifiedAt())) {
            after.ifPresent(changed -> settler.observe(changed, clock.instant()));
            return Optional.empty();
        }
        return Optional.of(new HashedFile(stat, hash));
    }

    private Optional<FileStat> stat(FileLocation location) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(roots.resolve(location), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile()
                    ? Optional.of(new FileStat(location, attrs.size(), attrs.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void publish(List<FileEvent> events, Counts counts) throws IOException {
        List<FileEvent> acked = publisher.publish(events, config.publishTimeout());
        long discovered = 0;
        long moved = 0;
        long removed = 0;
        for (FileEvent event : acked) {
            state.apply(event);
            stateDirty = true;
            if (event instanceof FileDiscovered d) {
                settler.forget(d.location());
                discovered++;
            } else if (event instanceof FileMoved m) {
                settler.forget(m.to());
                moved++;
            } else if (event instanceof FileRemoved) {
                removed++;
            }
        }
        counts.discovered += discovered;
        counts.moved += moved;
        counts.removed += removed;
        metrics.published(discovered, moved, removed);
        metrics.filesKnown(state.countExcluding(unavailableRoots));
        if (stateDirty && Duration.between(lastSaved, clock.instant()).compareTo(CHECKPOINT_EVERY) > 0) {
            save();
        }
    }

    private void save() throws IOException {
        store.save(state);
        stateDirty = false;
        lastSaved = clock.instant();
    }

    private void reportAvailability(List<RootScan> scans, Set<String> unavailable) {
        for (RootScan scan : scans) {
            String root = scan.root();
            boolean isUnavailable = unavailable.contains(root);
            if (isUnavailable && unavailableRoots.add(root)) {
                LOG.warnf("Library root '%s' (%s) is %s while %d files are known under it: is the storage unmounted?"
                        + " No removals are published for it until it is back.", root, roots.root(root),
                        scan.availability() == RootScan.Availability.AVAILABLE ? "EMPTY"
                                : scan.availability().toString(),
                        state.countUnder(root));
            } else if (!isUnavailable && unavailableRoots.remove(root)) {
                LOG.infof("Library root '%s' (%s) is available again", root, roots.root(root));
            }
            metrics.rootUnavailable(root, isUnavailable);
        }
        metrics.filesKnown(state.countExcluding(unavailableRoots));
    }

    private void log(ScanReport r) {
        double seconds = Math.max(r.took().toMillis(), 1) / 1000.0;
        LOG.infof("Scan done in %.1f s: %d files seen, %d unchanged, %d hashed (%.1f MB, %.1f MB/s), %d discovered,"
                + " %d moved, %d removed, %d settling; %d known%s", seconds, r.filesSeen(), r.unchanged(), r.hashed(),
                r.bytesHashed() / 1e6, r.bytesHashed() / 1e6 / seconds, r.discovered(), r.moved(), r.removed(),
                r.pending(), state.countExcluding(unavailableRoots),
                r.unavailableRoots().isEmpty() ? "" : "; unavailable roots: " + r.unavailableRoots());
    }

    /** The state as last published, for tests. */
    synchronized Map<FileLocation, io.darkroom.ingest.domain.PublishedFile> published() {
        return state == null ? Map.of() : Map.copyOf(state.files());
    }

    private static final class Counts {
        int hashed;
        long bytes;
        int discovered;
        int moved;
        int removed;
    }
}
