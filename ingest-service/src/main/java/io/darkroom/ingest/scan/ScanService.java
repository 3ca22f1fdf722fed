package io.darkroom.ingest.scan;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.domain.FileEventSink;
import io.darkroom.ingest.domain.FileStat;
import io.darkroom.ingest.domain.HashedFile;
import io.darkroom.ingest.domain.MoveDetector;
import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.PublishedFile;
import io.darkroom.ingest.domain.PublishedState;
import io.darkroom.ingest.domain.Reconciliation;
import io.darkroom.ingest.domain.RootScan;
import io.darkroom.ingest.domain.ScanScope;
import io.darkroom.ingest.domain.Settler;
import io.darkroom.ingest.persistence.PublishedStateStore;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The reconciliation engine. A scan walks a scope (every root, one root, or one folder; stat only), observes new and
 * changed files in the {@link Settler}, and hashes and publishes the ones that have settled: FileDiscovered,
 * FileMoved (same content, old path gone from disk) and, after a whole-root scan only, FileRemoved. Files that have
 * not settled yet are looked at again by {@link #settlePending()} once their settle time has passed. Everything
 * runs on one thread ({@link ScanScheduler}); the state records only what the broker acknowledged. A singleton, so
 * that a missing library root configuration fails the start-up.
 */
@Singleton
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    /** Events sent to the broker before waiting for their acknowledgements: bounds what a scan holds in memory. */
    private static final int PUBLISH_BATCH = 100;
    /** During a long first scan, the snapshot is also written at most this often, so a crash repeats little work. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(1);
    /** A long hashing pass logs its progress this often. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final IngestConfig config;
    private final LibraryRoots roots;
    private final PublishedStateStore store;
    private final FileEventSink publisher;
    private final IngestMetrics metrics;
    private final LibraryWalker walker;
    private final ParallelHasher hasher;
    private final Settler settler;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> unavailableRoots = new TreeSet<>();
    private PublishedState state;
    private boolean stateDirty;
    private Instant lastSaved = Instant.EPOCH;

    @Inject
    public ScanService(IngestConfig config, LibraryConfig library, PublishedStateStore store, FileEventSink publisher,
            IngestMetrics metrics) {
        this(config, LibraryRoots.from(library), store, publisher, metrics);
    }

    public ScanService(IngestConfig config, LibraryRoots roots, PublishedStateStore store, FileEventSink publisher,
            IngestMetrics metrics) {
        this.config = config;
        this.roots = roots;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.walker = new LibraryWalker(pathFilter(config), config.walkThreads());
        this.hasher = new ParallelHasher(config.hashThreads().orElseGet(ParallelHasher::defaultThreads));
        this.settler = new Settler(config.settleTime());
    }

    /** The filter every walk and watch applies: built-in junk rules plus the configured globs. */
    public static PathFilter pathFilter(IngestConfig config) {
        return new PathFilter(config.include(), config.exclude().orElse(List.of()));
    }

    /** What one pass did, for the log line and for tests. */
    public record ScanReport(String what, int filesSeen, long unchanged, int hashed, long bytesHashed, int discovered,
            int moved, int removed, int pending, Set<String> unavailableRoots, Duration took) {

        public boolean publishedAnything() {
            return discovered + moved + removed > 0;
        }
    }

    public LibraryRoots roots() {
        return roots;
    }

    /** A full reconciliation scan of every root: the only kind that publishes removals for all of them. */
    public synchronized ScanReport scan() throws IOException, InterruptedException {
        return scan(roots.all().keySet().stream().map(ScanScope::wholeRoot).toList());
    }

    /**
     * Scans the given scopes in one reconciliation, so that a file that left one scope for another is a move.
     * Removals are published only for the whole-root scopes among them.
     */
    public synchronized ScanReport scan(List<ScanScope> scopes) throws IOException, InterruptedException {
        loadState();
        Instant started = clock.instant();
        List<RootScan> scans = new ArrayList<>();
        for (ScanScope scope : scopes) {
            scans.add(walker.walk(scope, roots.root(scope.root())));
        }
        Reconciliation.Diff diff = Reconciliation.diff(state, scans);
        reportAvailability(scans, diff.unavailableRoots());

        int seen = 0;
        for (RootScan scan : scans) {
            settler.retainOnly(scan.scope(), scan.files().keySet());
            seen += scan.files().size();
        }
        boolean everyRoot = scopes.stream().filter(ScanScope::isWholeRoot).map(ScanScope::root)
                .collect(Collectors.toSet()).containsAll(roots.all().keySet());
        if (everyRoot) {
            metrics.filesSeen(seen);
        }
        Instant now = clock.instant();
        List<FileStat> settled = new ArrayList<>();
        for (FileStat stat : diff.changed()) {
            if (settler.observe(stat, now)) {
                settled.add(stat);
            }
        }

        Counts counts = new Counts();
        MoveDetector moves = new MoveDetector(diff.gone(), this::vanishedSources);
        hashAndPublish(settled, moves, counts);
        Set<String> wholeRoots = scopes.stream().filter(ScanScope::isWholeRoot).map(ScanScope::root)
                .collect(Collectors.toSet());
        if (!wholeRoots.isEmpty()) {
            publish(moves.removals(settler.pendingSizes()).stream()
                    .filter(e -> wholeRoots.contains(((FileRemoved) e).location().root())).toList(), counts);
        }
        if (stateDirty) {
            save();
        }
        metrics.filesPending(settler.pendingCount());
        String what = everyRoot ? "Scan" : "Scan of " + scopes;
        ScanReport report = new ScanReport(what, seen, diff.unchanged(), counts.hashed, counts.bytes,
                counts.discovered, counts.moved, counts.removed, settler.pendingCount(), diff.unavailableRoots(),
                Duration.between(started, clock.instant()));
        log(report, everyRoot || !wholeRoots.isEmpty());
        return report;
    }

    /**
     * Looks again at the files whose settle time has passed: the settled ones are hashed and published, the ones that
     * changed meanwhile start settling again, the vanished ones are forgotten.
     */
    public synchronized ScanReport settlePending() throws IOException, InterruptedException {
        loadState();
        Instant started = clock.instant();
        List<FileLocation> due = settler.dueBy(started);
        List<FileStat> settled = new ArrayList<>();
        for (FileLocation location : due) {
            Optional<FileStat> now = stat(location);
            Optional<PublishedFile> published = state.get(location);
            if (now.isEmpty() || (published.isPresent() && published.get().matches(now.get()))) {
                settler.forget(location);
            } else if (settler.observe(now.get(), clock.instant())) {
                settled.add(now.get());
            }
        }
        settled.sort(Comparator.comparing((FileStat s) -> s.location().key()));
        Counts counts = new Counts();
        hashAndPublish(settled, new MoveDetector(List.of(), this::vanishedSources), counts);
        if (stateDirty) {
            save();
        }
        metrics.filesPending(settler.pendingCount());
        ScanReport report = new ScanReport("Settled files", due.size(), 0, counts.hashed, counts.bytes,
                counts.discovered, counts.moved, counts.removed, settler.pendingCount(), Set.copyOf(unavailableRoots),
                Duration.between(started, clock.instant()));
        log(report, false);
        return report;
    }

    /** When {@link #settlePending()} has something to do next; empty when nothing is settling. */
    public synchronized Optional<Instant> nextSettleDue() {
        return settler.nextDue();
    }

    private void loadState() throws IOException {
        if (state == null) {
            state = store.load();
            LOG.infof("Loaded the ingest state: %d published files (%s)", state.size(), store.file());
            metrics.duplicates(state.duplicateCount());
        }
    }

    /** Hashes settled files (streaming, several at once) and publishes their events in batches, in scan order. */
    private void hashAndPublish(List<FileStat> settled, MoveDetector moves, Counts counts)
            throws IOException, InterruptedException {
        if (settled.isEmpty()) {
            return;
        }
        Instant passStarted = clock.instant();
        Instant lastProgress = passStarted;
        List<FileEvent> batch = new ArrayList<>();
        long bytesBefore = counts.bytes;
        int hashedBefore = counts.hashed;
        ParallelHasher.Ordered<FileStat> digests = hasher.hashAll(settled, stat -> roots.resolve(stat.location()));
        try {
            while (digests.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("Scan interrupted");
                }
                Optional<HashedFile> hashed = checked(digests.next(), counts);
                if (hashed.isPresent()) {
                    batch.add(moves.eventFor(hashed.get(), state.contains(hashed.get().stat().location())));
                }
                if (batch.size() >= PUBLISH_BATCH) {
                    publish(batch, counts);
                    batch.clear();
                }
                Instant now = clock.instant();
                if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                    lastProgress = now;
                    double seconds = Math.max(Duration.between(passStarted, now).toMillis(), 1) / 1000.0;
                    double bytesPerSecond = (counts.bytes - bytesBefore) / seconds;
                    metrics.hashRate(bytesPerSecond);
                    metrics.filesPending(settler.pendingCount());
                    LOG.infof("Hashing: %d of %d settled files (%.1f MB) in %.0f s, %.1f files/s, %.1f MB/s; %d published,"
                            + " %d files still pending", counts.hashed - hashedBefore, settled.size(),
                            (counts.bytes - bytesBefore) / 1e6, seconds, (counts.hashed - hashedBefore) / seconds,
                            bytesPerSecond / 1e6, counts.discovered + counts.moved, settler.pendingCount());
                }
            }
        } finally {
            digests.cancel();
        }
        publish(batch, counts);
        double seconds = Math.max(Duration.between(passStarted, clock.instant()).toMillis(), 1) / 1000.0;
        if (counts.bytes > bytesBefore) {
            metrics.hashRate((counts.bytes - bytesBefore) / seconds);
        }
    }

    /**
     * A settled file's digest, kept only if the file could be read and did not change while it was: empty otherwise
     * (a changed file settles again, a vanished or unreadable one is forgotten until the next scan).
     */
    private Optional<HashedFile> checked(ParallelHasher.Result<FileStat> digest, Counts counts) {
        FileStat stat = digest.item();
        if (digest.failure() instanceof NoSuchFileException) {
            settler.forget(stat.location());
            return Optional.empty();
        }
        if (digest.failure() != null) {
            // e.g. permission denied: not published, looked at again by the next scan
            settler.forget(stat.location());
            LOG.warnf("Could not read %s, it is tried again next scan: %s", roots.resolve(stat.location()),
                    digest.failure().toString());
            return Optional.empty();
        }
        String hash = digest.contentHash();
        counts.hashed++;
        counts.bytes += stat.sizeBytes();
        metrics.hashed(stat.sizeBytes());
        Optional<FileStat> after = stat(stat.location());
        if (after.isEmpty() || !after.get().sameSizeAndTime(stat.sizeBytes(), stat.modifiedAt())) {
            after.ifPresentOrElse(changed -> settler.observe(changed, clock.instant()),
                    () -> settler.forget(stat.location()));
            return Optional.empty();
        }
        return Optional.of(new HashedFile(stat, hash));
    }

    /**
     * Published paths with this content that are no longer on disk, under a root that is available: the sources a
     * new path of that content may have been moved from.
     */
    private List<FileLocation> vanishedSources(String contentHash, FileLocation destination) {
        return state.locationsWithHash(contentHash).stream()
                .filter(l -> !l.equals(destination) && roots.all().containsKey(l.root())
                        && !unavailableRoots.contains(l.root()) && !existsOnDisk(l))
                .sorted(Comparator.comparing(FileLocation::key))
                .toList();
    }

    private boolean existsOnDisk(FileLocation location) {
        try {
            return Files.exists(roots.resolve(location), LinkOption.NOFOLLOW_LINKS)
                    || !Files.isDirectory(roots.root(location.root()));
        } catch (IllegalArgumentException e) {
            return true; // not a path this service can check: never taken for a move source
        }
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
        if (events.isEmpty()) {
            return;
        }
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
                logIfDuplicate(d);
            } else if (event instanceof FileMoved m) {
                settler.forget(m.to());
                moved++;
                LOG.debugf("Moved: %s -> %s", m.from(), m.to());
            } else if (event instanceof FileRemoved) {
                removed++;
            }
        }
        counts.discovered += discovered;
        counts.moved += moved;
        counts.removed += removed;
        metrics.published(discovered, moved, removed);
        metrics.filesKnown(state.countExcluding(unavailableRoots));
        metrics.duplicates(state.duplicateCount());
        if (stateDirty && Duration.between(lastSaved, clock.instant()).compareTo(CHECKPOINT_EVERY) > 0) {
            save();
        }
    }

    private void logIfDuplicate(FileDiscovered discovered) {
        Set<FileLocation> same = state.locationsWithHash(discovered.contentHash());
        if (same.size() > 1) {
            LOG.infof("%s is a duplicate: the same content (%s) is also at %s", discovered.location(),
                    discovered.contentHash(), same.stream().filter(l -> !l.equals(discovered.location()))
                            .map(FileLocation::key).sorted().collect(Collectors.joining(", ")));
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

    private void log(ScanReport r, boolean always) {
        if (!always && !r.publishedAnything() && r.hashed() == 0) {
            LOG.debugf("%s: %d files looked at, nothing published, %d settling", r.what(), r.filesSeen(), r.pending());
            return;
        }
        double seconds = Math.max(r.took().toMillis(), 1) / 1000.0;
        LOG.infof("%s done in %.1f s: %d files seen (%.0f files/s), %d unchanged, %d hashed (%.1f MB, %.1f MB/s),"
                + " %d discovered, %d moved, %d removed, %d settling; %d known, %d duplicates%s", r.what(), seconds,
                r.filesSeen(), r.filesSeen() / seconds, r.unchanged(), r.hashed(), r.bytesHashed() / 1e6,
                r.bytesHashed() / 1e6 / seconds, r.discovered(), r.moved(), r.removed(), r.pending(),
                state.countExcluding(unavailableRoots), state.duplicateCount(),
                r.unavailableRoots().isEmpty() ? "" : "; unavailable roots: " + r.unavailableRoots());
    }

    /** The state as last published, for tests. */
    synchronized Map<FileLocation, PublishedFile> published() {
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
