package io.darkroom.ingest.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ingest-service's meters. Prometheus names (the launcher's progress line reads the first):
 * {@code darkroom_ingest_files_known}, {@code darkroom_ingest_files_pending},
 * {@code darkroom_ingest_root_unavailable{root}}, {@code darkroom_ingest_files_hashed_total},
 * {@code darkroom_ingest_hashed_bytes_total}, {@code darkroom_ingest_files_published_total},
 * {@code darkroom_ingest_files_moved_total}, {@code darkroom_ingest_files_removed_total},
 * {@code darkroom_ingest_files_seen} (the last full scan), {@code darkroom_ingest_hash_bytes_per_second} (the latest
 * hashing pass), {@code darkroom_ingest_files_duplicate}, {@code darkroom_ingest_watched_folders}.
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final AtomicLong filesKnown = new AtomicLong();
    private final AtomicLong filesPending = new AtomicLong();
    private final AtomicLong filesSeen = new AtomicLong();
    private final AtomicLong hashBytesPerSecond = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong watchedFolders = new AtomicLong();
    private final Map<String, AtomicInteger> rootUnavailable = new ConcurrentHashMap<>();
    private final Counter filesHashed;
    private final Counter bytesHashed;
    private final Counter filesPublished;
    private final Counter filesMoved;
    private final Counter filesRemoved;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("darkroom.ingest.files.known", filesKnown, AtomicLong::get)
                .description("Files under the library roots that are published and present").register(registry);
        Gauge.builder("darkroom.ingest.files.pending", filesPending, AtomicLong::get)
                .description("New or changed files waiting to settle").register(registry);
        Gauge.builder("darkroom.ingest.files.seen", filesSeen, AtomicLong::get)
                .description("Files the last full scan saw under the available roots (stat only)").register(registry);
        Gauge.builder("darkroom.ingest.hash.bytes.per.second", hashBytesPerSecond, AtomicLong::get)
                .description("Hashing throughput of the latest hashing pass").register(registry);
        Gauge.builder("darkroom.ingest.files.duplicate", duplicates, AtomicLong::get)
                .description("Published files whose content is also published at another path (all copies but one)")
                .register(registry);
        Gauge.builder("darkroom.ingest.watched.folders", watchedFolders, AtomicLong::get)
                .description("Folders with a file-system watch; 0 means changes are found by scans only")
                .register(registry);
        filesHashed = Counter.builder("darkroom.ingest.files.hashed").description("Files read and hashed")
                .register(registry);
        bytesHashed = Counter.builder("darkroom.ingest.hashed.bytes").description("Bytes read to hash files")
                .register(registry);
        filesPublished = Counter.builder("darkroom.ingest.files.published")
                .description("FileDiscovered events acknowledged by the broker").register(registry);
        filesMoved = Counter.builder("darkroom.ingest.files.moved")
                .description("FileMoved events acknowledged by the broker").register(registry);
        filesRemoved = Counter.builder("darkroom.ingest.files.removed")
                .description("FileRemoved events acknowledged by the broker").register(registry);
    }

    public void filesKnown(long count) {
        filesKnown.set(count);
    }

    public void filesPending(long count) {
        filesPending.set(count);
    }

    public void filesSeen(long count) {
        filesSeen.set(count);
    }

    public void hashRate(double bytesPerSecond) {
        hashBytesPerSecond.set(Math.round(bytesPerSecond));
    }

    public void duplicates(long count) {
        duplicates.set(count);
    }

    public void watchedFolders(long count) {
        watchedFolders.set(count);
    }

    /** 1 while a root is missing, unreadable or unexpectedly empty (removals are held back), else 0. */
    public void rootUnavailable(String root, boolean unavailable) {
        rootUnavailable.computeIfAbsent(root, r -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("darkroom.ingest.root.unavailable", value, AtomicInteger::get)
                    .tags(Tags.of("root", r))
                    .description("1 while a library root is missing, unreadable or empty and no removals are published")
                    .register(registry);
            return value;
        }).set(unavailable ? 1 : 0);
    }

    public void hashed(long bytes) {
        filesHashed.increment();
        bytesHashed.increment(bytes);
    }

    public void published(long discovered, long moved, long removed) {
        filesPublished.increment(discovered);
        filesMoved.increment(moved);
        filesRemoved.increment(removed);
    }
}
