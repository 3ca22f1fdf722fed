package io.darkroom.index.persistence;

import io.darkroom.events.FailureKind;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.events.ItemMarkRequested;
import io.darkroom.events.ReindexRequested;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.Failure;
import io.darkroom.index.domain.FileState;
import io.darkroom.index.domain.GroupKey;
import io.darkroom.index.domain.ItemStatus;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.OutOfReach;
import io.darkroom.index.domain.Stacks;
import io.darkroom.index.domain.StageStatus;
import io.darkroom.index.persistence.CatalogOutcome.Result;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hibernate.reactive.pool.ReactiveConnection;

/**
 * The catalog's writes. Every method is one transaction that also records the event id, so a redelivered
 * event is recognised, and ignores a file event older than the item's {@code last_event_at}. Called inside
 * {@link #inOneTransaction}, the methods join that transaction instead.
 */
@ApplicationScoped
public class CatalogService {

    /** Where a file event stands before any work is spent on it. */
    public enum Precheck {
        FRESH,
        ALREADY_PROCESSED,
        STALE
    }

    private static final int REASON_LENGTH = 1024;

    /** A batch's new items carry temporary ids from here until written: above any AUTO_INCREMENT value. */
    private static final long TEMPORARY_IDS = Long.MAX_VALUE / 2;

    private final MediaItemRepository items;
    private final MediaThumbnailRepository thumbnails;
    private final ProcessedEventRepository processed;

    public CatalogService(MediaItemRepository items, MediaThumbnailRepository thumbnails,
            ProcessedEventRepository processed) {
        this.items = items;
        this.thumbnails = thumbnails;
        this.processed = processed;
    }

    /**
     * Writes a batch of file events in one transaction (one redo-log flush): {@code writes} gets a {@link Batch}
     * whose methods apply each event exactly as the single-event methods do, in the order called. What they look
     * up is loaded once: the items at every location in {@code touched} (one query), and which events are
     * recorded, from {@code recordedBefore} (the caller's {@link #processedAmong}) and the batch's own records.
     * Either every event's change commits, or none does.
     */
    @WithTransaction
    public <T> Uni<T> inOneBatch(Set<UUID> recordedBefore, Collection<FileLocation> touched,
            Function<Batch, Uni<T>> writes) {
        Map<ByteBuffer, MediaItemEntity> byLocation = new HashMap<>();
        List<byte[]> hashes = new ArrayList<>();
        Set<String> stacks = new HashSet<>();
        for (FileLocation location : touched) {
            byte[] hash = LocationHash.of(location);
            if (!byLocation.containsKey(ByteBuffer.wrap(hash))) {
                byLocation.put(ByteBuffer.wrap(hash), null);
                hashes.add(hash);
            }
            stacks.add(GroupKey.of(location.root(), location.relativePath()));
        }
        if (hashes.isEmpty()) {
            Preloaded lookups = new Preloaded(new HashSet<>(recordedBefore), byLocation, stacks, List.of());
            return writes.apply(new Batch(lookups)).call(lookups::writeNewRows);
        }
        // Whether the batch touches any item at all (new files do not); if so two queries for the whole batch: the
        // items at its locations, and the stacks those would belong to.
        return items.getSession().chain(session -> {
                    ReactiveConnection connection = BatchRows.connection(session);
                    return connection == null ? Uni.createFrom().item(true)
                            : BatchRows.anyItemAmong(connection, hashes, stacks);
                })
                .chain(any -> any ? loadTouched(hashes, stacks, byLocation)
                        : Uni.createFrom().item(List.<MediaItemEntity>of()))
                .chain(loaded -> {
                    Preloaded lookups = new Preloaded(new HashSet<>(recordedBefore), byLocation, stacks, loaded);
                    return writes.apply(new Batch(lookups)).call(lookups::writeNewRows);
                });
    }

    /** The items at these locations (entered in {@code byLocation}) and the members of these stacks. */
    private Uni<List<MediaItemEntity>> loadTouched(List<byte[]> hashes, Set<String> stacks,
            Map<ByteBuffer, MediaItemEntity> byLocation) {
        return items.list("locationHash in ?1", hashes)
                .call(existing -> {
                    existing.forEach(item -> byLocation.put(ByteBuffer.wrap(item.locationHash), item));
                    return Uni.createFrom().voidItem();
                })
                .chain(existing -> items.list("groupKey in ?1", List.copyOf(stacks)).map(members -> {
                    List<MediaItemEntity> loaded = new ArrayList<>(existing);
                    loaded.addAll(members);
                    return loaded;
                }));
    }

    /** The file-event writes of one {@link #inOneBatch} transaction. */
    public final class Batch {

        private final Lookups lookups;

        private Batch(Lookups lookups) {
            this.lookups = lookups;
        }

        public Uni<CatalogOutcome> currentState(FileLocation location) {
            return CatalogService.this.currentState(location, lookups);
        }

        public Uni<CatalogOutcome> recordDiscovered(FileDiscovered event, Extraction extraction) {
            return CatalogService.this.recordDiscovered(event, extraction, lookups);
        }

        public Uni<CatalogOutcome> recordMoved(FileMoved event) {
            return CatalogService.this.recordMoved(event, lookups);
        }

        public Uni<CatalogOutcome> recordRemoved(FileRemoved event) {
            return CatalogService.this.recordRemoved(event, lookups);
        }
    }

    /** What the file-event writes look up and record: straight from the database, or from a batch's preload. */
    private interface Lookups {

        Uni<Boolean> isProcessed(UUID eventId);

        /** Records the event in the processed-event table (inside the transaction that applies its effect). */
        Uni<Void> record(UUID eventId);

        /** Writes a new or changed item: at once, or (a batch's new items) with the batch's other new rows. */
        Uni<MediaItemEntity> save(MediaItemEntity item);

        Uni<MediaItemEntity> findByLocation(FileLocation location);

        /** The item is now at its location (new, or moved from {@code previous}, which it no longer occupies). */
        void located(MediaItemEntity item, FileLocation previous);

        /** The present members of a stack, first catalogued first ({@link MediaItemRepository#listStack}). */
        Uni<List<MediaItemEntity>> listStack(String groupKey);

        Uni<List<MediaItemEntity>> listByContentIdentifier(String root, String contentIdentifier);
    }

    private final Lookups database = new Lookups() {
        @Override
        public Uni<Boolean> isProcessed(UUID eventId) {
            return processed.isProcessed(eventId);
        }

        @Override
        public Uni<Void> record(UUID eventId) {
            return processed.record(eventId);
        }

        @Override
        public Uni<MediaItemEntity> save(MediaItemEntity item) {
            return items.persist(item);
        }

        @Override
        public Uni<MediaItemEntity> findByLocation(FileLocation location) {
            return items.findByLocation(location);
        }

        @Override
        public void located(MediaItemEntity item, FileLocation previous) {
        }

        @Override
        public Uni<List<MediaItemEntity>> listStack(String groupKey) {
            return items.listStack(groupKey);
        }

        @Override
        public Uni<List<MediaItemEntity>> listByContentIdentifier(String root, String contentIdentifier) {
            return items.listByContentIdentifier(root, contentIdentifier);
        }
    };

    /**
     * A batch's lookups, kept current as its events are applied. The batch runs alone on its partitions, and the
     * processed-event primary key still refuses a second record of an event (the transaction then rolls back).
     *
     * <p>The batch's new rows are held back and written together by {@link #writeNewRows} at its end: new items
     * (each until then under a temporary id above every real one, in the order catalogued, so that stacks order
     * them as the database will) and processed events, each in one multi-row INSERT. Changes to items that exist
     * are Hibernate's, flushed first (a move frees its old location before a new item may take it).
     */
    private final class Preloaded implements Lookups {

        private final Set<UUID> recorded;
        private final List<UUID> newRecords = new ArrayList<>();
        private final List<MediaItemEntity> newItems = new ArrayList<>();
        private final Map<ByteBuffer, MediaItemEntity> byLocation;
        /** Every item of the batch's session (one instance per row), by id: the stacks are read from here. */
        private final Map<Long, MediaItemEntity> known = new HashMap<>();
        /** Stacks whose every member is in {@link #known}. */
        private final Set<String> loadedStacks;

        Preloaded(Set<UUID> recorded, Map<ByteBuffer, MediaItemEntity> byLocation, Set<String> loadedStacks,
                List<MediaItemEntity> loaded) {
            this.recorded = recorded;
            this.byLocation = byLocation;
            this.loadedStacks = loadedStacks;
            loaded.forEach(this::know);
        }

        private void know(MediaItemEntity item) {
            known.put(item.id, item);
        }

        @Override
        public Uni<MediaItemEntity> save(MediaItemEntity item) {
            if (item.id == null) { // new: a temporary id, written by writeNewRows
                item.id = TEMPORARY_IDS + newItems.size();
                newItems.add(item);
            }
            return Uni.createFrom().item(item); // an item Hibernate manages is flushed with its session
        }

        /** {@code found} (a query's result) with the batch's new items that match, in catalogue order. */
        private Uni<List<MediaItemEntity>> withNew(Uni<List<MediaItemEntity>> found, Predicate<MediaItemEntity> matches) {
            return found.map(rows -> {
                List<MediaItemEntity> all = new ArrayList<>(rows);
                newItems.stream().filter(m -> matches.test(m) && !ItemStatus.MISSING.name().equals(m.status))
                        .forEach(all::add);
                all.sort(Comparator.comparing(m -> m.id));
                return all;
            });
        }

        Uni<Void> writeNewRows() {
            if (newItems.isEmpty() && newRecords.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            newItems.forEach(item -> item.id = null); // AUTO_INCREMENT's, in the same order
            return items.getSession().chain(session -> session.flush()
                    .chain(() -> BatchRows.insertItems(session, newItems))
                    .chain(() -> BatchRows.insertProcessed(session, newRecords)));
        }

        @Override
        public Uni<List<MediaItemEntity>> listStack(String groupKey) {
            if (loadedStacks.contains(groupKey)) {
                return Uni.createFrom().item(known.values().stream()
                        .filter(m -> groupKey.equals(m.groupKey) && !ItemStatus.MISSING.name().equals(m.status))
                        .sorted(Comparator.comparing(m -> m.id))
                        .toList());
            }
            return withNew(items.listStack(groupKey), m -> groupKey.equals(m.groupKey))
                    .invoke(members -> members.forEach(this::know));
        }

        @Override
        public Uni<List<MediaItemEntity>> listByContentIdentifier(String root, String contentIdentifier) {
            // Partners may join one of the batch's stacks: known from here on.
            return withNew(items.listByContentIdentifier(root, contentIdentifier),
                    m -> root.equals(m.root) && contentIdentifier.equals(m.contentIdentifier))
                    .invoke(found -> found.forEach(this::know));
        }

        @Override
        public Uni<Boolean> isProcessed(UUID eventId) {
            return Uni.createFrom().item(recorded.contains(eventId));
        }

        @Override
        public Uni<Void> record(UUID eventId) {
            recorded.add(eventId);
            newRecords.add(eventId);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<MediaItemEntity> findByLocation(FileLocation location) {
            ByteBuffer key = ByteBuffer.wrap(LocationHash.of(location));
            return byLocation.containsKey(key) ? Uni.createFrom().item(byLocation.get(key))
                    : items.findByLocation(location); // not among the locations preloaded
        }

        @Override
        public void located(MediaItemEntity item, FileLocation previous) {
            know(item);
            if (previous != null) {
                byLocation.put(ByteBuffer.wrap(LocationHash.of(previous)), null);
            }
            byLocation.put(ByteBuffer.wrap(item.locationHash), item);
        }
    }

    /** The events among these that are recorded already (a batch's precheck: their files need no reading). */
    @WithTransaction
    public Uni<Set<UUID>> processedAmong(Collection<UUID> eventIds) {
        return processed.processedAmong(eventIds);
    }

    @WithTransaction
    public Uni<Precheck> precheck(UUID eventId, FileLocation location, Instant occurredAt) {
        return processed.isProcessed(eventId).chain(done -> done
                ? Uni.createFrom().item(Precheck.ALREADY_PROCESSED)
                : items.findByLocation(location).map(item -> isStale(item, occurredAt) ? Precheck.STALE : Precheck.FRESH));
    }

    /** For a redelivered event: announce the item's current state again, so no downstream step is lost. */
    @WithTransaction
    public Uni<CatalogOutcome> currentState(FileLocation location) {
        return currentState(location, database);
    }

    private Uni<CatalogOutcome> currentState(FileLocation location, Lookups lookups) {
        return lookups.findByLocation(location).map(CatalogService::announce);
    }

    /** Records an event whose effect needs no change (e.g. too old). */
    @WithTransaction
    public Uni<CatalogOutcome> markProcessed(UUID eventId) {
        return processed.isProcessed(eventId).chain(done -> done
                ? Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED))
                : processed.record(eventId).replaceWith(CatalogOutcome.of(Result.UNCHANGED)));
    }

    @WithTransaction
    public Uni<CatalogOutcome> recordDiscovered(FileDiscovered event, Extraction extraction) {
        return recordDiscovered(event, extraction, database);
    }

    private Uni<CatalogOutcome> recordDiscovered(FileDiscovered event, Extraction extraction, Lookups lookups) {
        return lookups.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return lookups.findByLocation(event.location()).map(CatalogService::announce);
            }
            return lookups.findByLocation(event.location()).chain(existing -> {
                if (isStale(existing, event.occurredAt())) {
                    return lookups.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                }
                return applyDiscovered(existing, event, extraction, lookups)
                        .call(() -> lookups.record(event.eventId()));
            });
        });
    }

    private Uni<CatalogOutcome> applyDiscovered(MediaItemEntity existing, FileDiscovered event, Extraction extraction,
            Lookups lookups) {
        if (extraction instanceof Extraction.Vanished) {
            if (existing == null) {
                return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
            }
            existing.status = ItemStatus.MISSING.name();
            existing.lastEventAt = micros(event.occurredAt());
            return Uni.createFrom().item(CatalogOutcome.of(Result.APPLIED));
        }
        MediaItemEntity item = existing != null ? existing : newItem(event.location());
        boolean contentChanged = !Objects.equals(item.contentHash, event.contentHash());
        item.contentHash = event.contentHash();
        item.sizeBytes = event.sizeBytes();
        item.modifiedAt = millis(event.modifiedAt());
        item.lastEventAt = micros(event.occurredAt());
        if (extraction instanceof Extraction.Unreadable unreadable) {
            if (unreadable.known() != null) {
                describe(item, unreadable.known()); // catalogued with what is known, and flagged
            }
            fail(item, ProcessingStage.INDEX, unreadable.failure());
            item.thumbnailStatus = null;
            item.transcodeStatus = null;
        } else if (extraction instanceof Extraction.Readable readable) {
            apply(item, readable.facts(), contentChanged);
        }
        return lookups.save(item).invoke(saved -> lookups.located(saved, null))
                .chain(persisted -> restack(persisted, lookups)).map(CatalogService::announce);
    }

    /**
     * Arranges the item's stack after a change: a Live Photo's video joins its still's stack when their names
     * differ (same ContentIdentifier), then every present member gets its role ({@link Stacks}).
     */
    private Uni<MediaItemEntity> restack(MediaItemEntity item, Lookups lookups) {
        if (item.groupKey == null) {
            return Uni.createFrom().item(item);
        }
        Uni<Void> joined = item.contentIdentifier == null || ItemStatus.MISSING.name().equals(item.status)
                ? Uni.createFrom().voidItem()
                : lookups.listByContentIdentifier(item.root, item.contentIdentifier)
                        .invoke(partners -> joinLivePhoto(item, partners)).replaceWithVoid();
        return joined.chain(() -> lookups.listStack(item.groupKey)).invoke(CatalogService::arrange).replaceWith(item);
    }

    private static void joinLivePhoto(MediaItemEntity item, List<MediaItemEntity> partners) {
        for (MediaItemEntity partner : partners) {
            if (partner == item || Objects.equals(partner.groupKey, item.groupKey)) {
                continue;
            }
            if (isMotion(item) && !isMotion(partner)) {
                item.groupKey = partner.groupKey;
                return;
            }
            if (!isMotion(item) && isMotion(partner)) {
                partner.groupKey = item.groupKey;
            }
        }
    }

    private static boolean isMotion(MediaItemEntity item) {
        return MediaKind.VIDEO.name().equals(item.kind) || MediaKind.LIVE_PHOTO.name().equals(item.kind);
    }

    private static void arrange(List<MediaItemEntity> members) {
        List<MediaItemEntity> known = members.stream().filter(m -> m.kind != null).toList();
        List<Stacks.Role> roles = Stacks.arrange(known.stream()
                .map(m -> new Stacks.Member(MediaKind.valueOf(m.kind), m.fileName, m.contentIdentifier, m.durationMs))
                .toList());
        for (int i = 0; i < known.size(); i++) {
            known.get(i).kind = roles.get(i).kind().name();
            known.get(i).stackPrimary = roles.get(i).primary();
        }
    }

    private static void apply(MediaItemEntity item, MediaFacts facts, boolean contentChanged) {
        item.status = ItemStatus.INDEXED.name();
        describe(item, facts);
        item.failureStage = null;
        item.failureKind = null;
        item.failureReason = null;
        if (facts.kind() == MediaKind.SIDECAR) {
            item.thumbnailStatus = null; // nothing to derive from a sidecar
            item.transcodeStatus = null;
            item.transcodePath = null;
            return;
        }
        item.thumbnailStatus = StageStatus.afterIndexing(stage(item.thumbnailStatus), contentChanged).name();
        if (facts.kind() == MediaKind.VIDEO) {
            item.transcodeStatus = StageStatus.afterIndexing(stage(item.transcodeStatus), contentChanged).name();
            if (contentChanged) {
                item.transcodePath = null;
            }
        } else {
            item.transcodeStatus = null;
            item.transcodePath = null;
        }
    }

    /** The columns that describe the content, from what was read. */
    private static void describe(MediaItemEntity item, MediaFacts facts) {
        item.kind = facts.kind().name();
        item.mimeType = truncate(facts.mimeType(), 127);
        item.width = facts.width();
        item.height = facts.height();
        item.orientation = facts.orientation();
        item.takenAt = facts.takenAt() == null ? null : millis(facts.takenAt().instant());
        item.takenAtSource = facts.takenAt() == null ? null : facts.takenAt().source().name();
        item.takenAtZone = facts.takenAt() == null || facts.takenAt().offset() == null ? null
                : (facts.takenAt().offset().getTotalSeconds() == 0 ? "+00:00" : facts.takenAt().offset().getId());
        item.durationMs = facts.durationMillis();
        MediaDetails d = facts.details();
        item.cameraMake = truncate(d.make(), 64);
        item.cameraModel = truncate(d.model(), 128);
        item.lens = truncate(d.lens(), 128);
        item.exposureSeconds = d.exposureSeconds();
        item.fNumber = decimal(d.fNumber(), 2, 999);
        item.iso = d.iso();
        item.focalLengthMm = decimal(d.focalLengthMm(), 2, 99_999);
        item.gpsLat = d.gps() == null ? null : decimal(d.gps().latitude(), 7, 90);
        item.gpsLng = d.gps() == null ? null : decimal(d.gps().longitude(), 7, 180);
        item.gpsAlt = d.gps() == null ? null : decimal(d.gps().altitude(), 2, 999_999);
        item.videoCodec = truncate(d.videoCodec(), 16);
        item.audioCodec = truncate(d.audioCodec(), 16);
        item.fps = decimal(d.fps(), 3, 9_999);
        item.rotation = d.rotation();
        item.title = truncate(d.title(), 512);
        item.description = truncate(d.description(), 16_000);
        item.keywords = d.keywords().isEmpty() ? null : truncate(String.join("\n", d.keywords()), 16_000);
        item.rating = d.rating();
        item.contentIdentifier = truncate(d.contentIdentifier(), 64);
    }

    private static BigDecimal decimal(Double value, int scale, double max) {
        if (value == null || value.isNaN() || Math.abs(value) > max) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /**
     * Moves a known item (it keeps its id). For an unknown source, or a destination that is already catalogued
     * as another item, answers {@link Result#NEEDS_INDEXING}: the caller indexes the destination like a discovery.
     */
    @WithTransaction
    public Uni<CatalogOutcome> recordMoved(FileMoved event) {
        return recordMoved(event, database);
    }

    private Uni<CatalogOutcome> recordMoved(FileMoved event, Lookups lookups) {
        return lookups.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
            }
            return lookups.findByLocation(event.from()).chain(from -> {
                if (from == null) {
                    return Uni.createFrom().item(CatalogOutcome.of(Result.NEEDS_INDEXING));
                }
                if (isStale(from, event.occurredAt())) {
                    return lookups.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                }
                return lookups.findByLocation(event.to()).chain(to -> {
                    if (to != null && !to.id.equals(from.id)) {
                        from.status = ItemStatus.MISSING.name();
                        from.lastEventAt = micros(event.occurredAt());
                        return Uni.createFrom().item(CatalogOutcome.of(Result.NEEDS_INDEXING));
                    }
                    String leftStack = from.groupKey;
                    place(from, event.to());
                    lookups.located(from, event.from());
                    from.contentHash = event.contentHash();
                    from.sizeBytes = event.sizeBytes();
                    from.modifiedAt = millis(event.modifiedAt());
                    from.lastEventAt = micros(event.occurredAt());
                    return restack(from, lookups)
                            .chain(() -> Objects.equals(leftStack, from.groupKey) ? Uni.createFrom().voidItem()
                                    : lookups.listStack(leftStack).invoke(CatalogService::arrange).replaceWithVoid())
                            .chain(() -> lookups.record(event.eventId()))
                            .replaceWith(CatalogOutcome.of(Result.APPLIED));
                });
            });
        });
    }

    /** Marks the item missing; the catalog never deletes. */
    @WithTransaction
    public Uni<CatalogOutcome> recordRemoved(FileRemoved event) {
        return recordRemoved(event, database);
    }

    private Uni<CatalogOutcome> recordRemoved(FileRemoved event, Lookups lookups) {
        return lookups.isProcessed(event.eventId()).chain(done -> done
                ? Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED))
                : lookups.findByLocation(event.location()).chain(item -> {
                    if (item == null || isStale(item, event.occurredAt())) {
                        return lookups.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                    }
                    item.status = ItemStatus.MISSING.name();
                    item.lastEventAt = micros(event.occurredAt());
                    return restack(item, lookups).chain(() -> lookups.record(event.eventId()))
                            .replaceWith(CatalogOutcome.of(Result.APPLIED));
                }));
    }

    @WithTransaction
    public Uni<CatalogOutcome> recordThumbnails(ThumbnailsGenerated event) {
        return processed.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
            }
            Uni<Void> rows = Uni.createFrom().voidItem();
            for (Thumbnail thumbnail : event.thumbnails()) {
                rows = rows.chain(() -> upsert(event.contentHash(), thumbnail));
            }
            return rows
                    .chain(() -> items.listByContent(event.contentHash()))
                    .invoke(found -> found.forEach(item -> item.thumbnailStatus = StageStatus.DONE.name()))
                    .call(() -> processed.record(event.eventId()))
                    .replaceWith(CatalogOutcome.of(Result.APPLIED));
        });
    }

    private Uni<Void> upsert(String contentHash, Thumbnail thumbnail) {
        return thumbnails.findById(new MediaThumbnailEntity.Key(contentHash, thumbnail.size())).chain(found -> {
            MediaThumbnailEntity row = found != null ? found : new MediaThumbnailEntity();
            row.contentHash = contentHash;
            row.sizeName = thumbnail.size();
            row.width = thumbnail.width();
            row.height = thumbnail.height();
            row.format = thumbnail.format();
            row.storagePath = thumbnail.storagePath();
            return found != null ? Uni.createFrom().voidItem() : thumbnails.persist(row).replaceWithVoid();
        });
    }

    /**
     * The family's marks on an item (favourite, archived): set as asked, idempotent. An item the catalog does not
     * know (purged meanwhile) leaves nothing to mark.
     */
    @WithTransaction
    public Uni<CatalogOutcome> mark(ItemMarkRequested event) {
        return processed.isProcessed(event.eventId()).chain(done -> done
                ? Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED))
                : items.findById(event.itemId()).chain(item -> {
                    if (item != null && event.favourite() != null) {
                        item.favourite = event.favourite();
                    }
                    if (item != null && event.archived() != null) {
                        item.archived = event.archived();
                    }
                    return processed.record(event.eventId())
                            .replaceWith(CatalogOutcome.of(item == null ? Result.UNCHANGED : Result.APPLIED));
                }));
    }

    /** What a re-index reads: the item's current location; null fields when there is nothing to read. */
    public record ReindexTarget(FileLocation location, CatalogOutcome done) {

        /** Nothing to read: {@code done} says what to announce. */
        static ReindexTarget finished(CatalogOutcome done) {
            return new ReindexTarget(null, done);
        }
    }

    /**
     * Where a re-index command's item is. A command seen before announces the item's current state again (its
     * announcement may have been lost in a crash after the commit); an item the catalog does not know (purged), or
     * one that is missing, has no file to read: the command is recorded and nothing announced. So is a recovery's
     * command ({@link OutOfReach#REQUESTED_BY}) for an item no longer out of reach: another one already read it.
     */
    @WithTransaction
    public Uni<ReindexTarget> reindexTarget(ReindexRequested command) {
        return processed.isProcessed(command.eventId()).chain(done -> items.findById(command.itemId()).chain(item -> {
            if (done) { // a recovery's is a retry: what failed is made, nothing redone
                return Uni.createFrom().item(ReindexTarget.finished(OutOfReach.isRecovery(command) ? announce(item)
                        : reannounced(item)));
            }
            if (item == null || ItemStatus.MISSING.name().equals(item.status)
                    || (OutOfReach.isRecovery(command) && !stillOutOfReach(item))) {
                return processed.record(command.eventId())
                        .replaceWith(ReindexTarget.finished(CatalogOutcome.of(Result.UNCHANGED)));
            }
            return Uni.createFrom().item(new ReindexTarget(new FileLocation(item.root, item.relativePath), null));
        }));
    }

    /**
     * Records a re-read of the item's file at {@code location} ({@code file}: its content as found now) exactly as a
     * discovery there would (the content hash follows the file), leaving {@code last_event_at} as it was, and returns
     * what to announce. An item that had failed is retried: the failed stages are made again, the done ones stay done. Any
     * other item is redone: both stages go back to pending and the {@link MediaIndexed} asks the workers to replace
     * the files they made. A file that has gone meanwhile changes nothing (ingest-service reports removals; a root
     * that is unavailable must not turn the library missing).
     */
    @WithTransaction
    public Uni<CatalogOutcome> recordReindexed(ReindexRequested command, FileLocation location, FileState file,
            Extraction extraction) {
        return processed.isProcessed(command.eventId()).chain(done -> items.findById(command.itemId()).chain(item -> {
            if (done) {
                return Uni.createFrom().item(reannounced(item));
            }
            boolean moved = item == null || !item.root.equals(location.root())
                    || !item.relativePath.equals(location.relativePath());
            if (moved || ItemStatus.MISSING.name().equals(item.status) || extraction instanceof Extraction.Vanished) {
                return processed.record(command.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
            }
            boolean retry = hadFailed(item);
            if (!retry) {
                item.thumbnailStatus = item.thumbnailStatus == null ? null : StageStatus.PENDING.name();
                item.transcodeStatus = item.transcodeStatus == null ? null : StageStatus.PENDING.name();
            }
            FileDiscovered read = new FileDiscovered(command.eventId(), item.lastEventAt, command.schemaVersion(),
                    location, file.contentHash(), file.sizeBytes(), file.modifiedAt());
            return applyDiscovered(item, read, extraction, database)
                    .call(() -> processed.record(command.eventId()))
                    .map(outcome -> retry ? outcome : redo(outcome));
        }));
    }

    /** Whether the item's failure is still its root's absence: a recovery command applies only then. */
    private static boolean stillOutOfReach(MediaItemEntity item) {
        return hadFailed(item) && OutOfReach.isOutOfReach(item.root, item.failureKind, item.failureReason);
    }

    private static boolean hadFailed(MediaItemEntity item) {
        return ItemStatus.FAILED.name().equals(item.status) || StageStatus.FAILED.name().equals(item.thumbnailStatus)
                || StageStatus.FAILED.name().equals(item.transcodeStatus);
    }

    /** A replayed re-index: the item as it is, its announcement asking for a redo (the workers' files may be new). */
    private static CatalogOutcome reannounced(MediaItemEntity item) {
        return redo(announce(item));
    }

    private static CatalogOutcome redo(CatalogOutcome outcome) {
        return outcome.announcement() instanceof MediaIndexed indexed
                ? new CatalogOutcome(outcome.result(), indexed.asRedo())
                : outcome;
    }

    @WithTransaction
    public Uni<CatalogOutcome> recordTranscode(TranscodeCompleted event) {
        return processed.isProcessed(event.eventId()).chain(done -> done
                ? Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED))
                : items.listByContent(event.contentHash())
                        .invoke(found -> found.forEach(item -> {
                            item.transcodeStatus = StageStatus.DONE.name();
                            item.transcodePath = event.outcome() == TranscodeOutcome.TRANSCODED ? event.storagePath() : null;
                            if (item.durationMs == null) {
                                item.durationMs = event.durationMillis();
                            }
                        }))
                        .call(() -> processed.record(event.eventId()))
                        .replaceWith(CatalogOutcome.of(Result.APPLIED)));
    }

    /**
     * Records another stage's failure on the items it concerns. index-service's own INDEX failures are already
     * in the catalog when they are published, so they are skipped.
     */
    @WithTransaction
    public Uni<CatalogOutcome> recordFailure(ProcessingFailed event) {
        if (event.stage() == ProcessingStage.INDEX) {
            return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
        }
        return processed.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
            }
            Failure failure = new Failure(event.kind() != null ? event.kind() : FailureKind.CORRUPT,
                    event.reason() != null ? event.reason() : "No reason given");
            Uni<Void> applied = switch (event.stage()) {
                case THUMBNAIL, TRANSCODE -> affected(event).invoke(found -> found.forEach(item -> {
                    stageFailed(item, event.stage(), failure);
                })).replaceWithVoid();
                case INGEST -> ingestFailed(event, failure);
                case INDEX -> Uni.createFrom().voidItem();
            };
            return applied.call(() -> processed.record(event.eventId())).replaceWith(CatalogOutcome.of(Result.APPLIED));
        });
    }

    private Uni<List<MediaItemEntity>> affected(ProcessingFailed event) {
        if (event.contentHash() != null) {
            return items.listByContent(event.contentHash());
        }
        return items.findByLocation(event.location()).map(item -> item == null ? List.of() : List.of(item));
    }

    private static void stageFailed(MediaItemEntity item, ProcessingStage stage, Failure failure) {
        if (stage == ProcessingStage.THUMBNAIL) {
            item.thumbnailStatus = StageStatus.FAILED.name();
        } else {
            item.transcodeStatus = StageStatus.FAILED.name();
        }
        item.failureStage = stage.name();
        item.failureKind = failure.kind().name();
        item.failureReason = truncate(failure.reason());
    }

    private Uni<Void> ingestFailed(ProcessingFailed event, Failure failure) {
        if (event.location() == null) {
            return Uni.createFrom().voidItem();
        }
        return items.findByLocation(event.location()).chain(found -> {
            if (found != null && isStale(found, event.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            MediaItemEntity item = found != null ? found : newItem(event.location());
            if (event.contentHash() != null) {
                item.contentHash = event.contentHash();
            }
            fail(item, ProcessingStage.INGEST, failure);
            item.lastEventAt = micros(event.occurredAt());
            return items.persist(item).replaceWithVoid();
        });
    }

    private static void fail(MediaItemEntity item, ProcessingStage stage, Failure failure) {
        item.status = ItemStatus.FAILED.name();
        item.failureStage = stage.name();
        item.failureKind = failure.kind().name();
        item.failureReason = truncate(failure.reason());
    }

    /** The event that tells the pipeline about the item as it is now. */
    static CatalogOutcome announce(MediaItemEntity item) {
        if (item == null || item.status == null) {
            return CatalogOutcome.of(Result.UNCHANGED);
        }
        FileLocation location = new FileLocation(item.root, item.relativePath);
        if (ItemStatus.INDEXED.name().equals(item.status)) {
            if (!needsWork(item)) {
                return CatalogOutcome.of(Result.INDEXED); // a sidecar, or derived files that exist already
            }
            return new CatalogOutcome(Result.INDEXED, MediaIndexed.of(item.contentHash, location,
                    MediaKind.valueOf(item.kind), item.mimeType, item.width, item.height, item.orientation,
                    item.takenAt, item.durationMs, item.videoCodec, item.audioCodec, item.rotation,
                    item.fps == null ? null : item.fps.doubleValue()));
        }
        if (ItemStatus.FAILED.name().equals(item.status) && item.failureKind != null) {
            return new CatalogOutcome(Result.FAILED, ProcessingFailed.of(item.contentHash, location,
                    ProcessingStage.valueOf(item.failureStage), FailureKind.valueOf(item.failureKind),
                    item.failureReason));
        }
        return CatalogOutcome.of(Result.UNCHANGED);
    }

    /** Whether a worker still has something to make for the item: a pending or failed thumbnail or transcode. */
    static boolean needsWork(MediaItemEntity item) {
        return (item.thumbnailStatus != null && !StageStatus.DONE.name().equals(item.thumbnailStatus))
                || (item.transcodeStatus != null && !StageStatus.DONE.name().equals(item.transcodeStatus));
    }

    private static MediaItemEntity newItem(FileLocation location) {
        MediaItemEntity item = new MediaItemEntity();
        place(item, location);
        return item;
    }

    private static void place(MediaItemEntity item, FileLocation location) {
        item.root = location.root();
        item.relativePath = location.relativePath();
        item.locationHash = LocationHash.of(location);
        item.folderHash = LocationHash.folder(location);
        item.groupKey = GroupKey.of(location.root(), location.relativePath());
        item.fileName = location.fileName();
    }

    private static boolean isStale(MediaItemEntity item, Instant occurredAt) {
        return item != null && item.lastEventAt != null && item.lastEventAt.isAfter(micros(occurredAt));
    }

    private static StageStatus stage(String value) {
        return value == null ? null : StageStatus.valueOf(value);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }
}
