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
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeOutcome;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.Failure;
import io.darkroom.index.domain.GroupKey;
import io.darkroom.index.domain.ItemStatus;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.MediaFacts;
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
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

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
     * Runs several of this service's writes in one transaction: each {@code @WithTransaction} method called from
     * {@code writes} joins it (same session), so the batch commits, with one redo-log flush, or rolls back whole.
     */
    @WithTransaction
    public <T> Uni<T> inOneTransaction(Supplier<Uni<T>> writes) {
        return writes.get();
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
        return items.findByLocation(location).map(CatalogService::announce);
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
        return processed.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return items.findByLocation(event.location()).map(CatalogService::announce);
            }
            return items.findByLocation(event.location()).chain(existing -> {
                if (isStale(existing, event.occurredAt())) {
                    return processed.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                }
                return applyDiscovered(existing, event, extraction)
                        .call(() -> processed.record(event.eventId()));
            });
        });
    }

    private Uni<CatalogOutcome> applyDiscovered(MediaItemEntity existing, FileDiscovered event, Extraction extraction) {
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
        return items.persist(item).chain(this::restack).map(CatalogService::announce);
    }

    /**
     * Arranges the item's stack after a change: a Live Photo's video joins its still's stack when their names
     * differ (same ContentIdentifier), then every present member gets its role ({@link Stacks}).
     */
    private Uni<MediaItemEntity> restack(MediaItemEntity item) {
        if (item.groupKey == null) {
            return Uni.createFrom().item(item);
        }
        Uni<Void> joined = item.contentIdentifier == null || ItemStatus.MISSING.name().equals(item.status)
                ? Uni.createFrom().voidItem()
                : items.listByContentIdentifier(item.root, item.contentIdentifier)
                        .invoke(partners -> joinLivePhoto(item, partners)).replaceWithVoid();
        return joined.chain(() -> items.listStack(item.groupKey)).invoke(CatalogService::arrange).replaceWith(item);
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
        return processed.isProcessed(event.eventId()).chain(done -> {
            if (done) {
                return Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED));
            }
            return items.findByLocation(event.from()).chain(from -> {
                if (from == null) {
                    return Uni.createFrom().item(CatalogOutcome.of(Result.NEEDS_INDEXING));
                }
                if (isStale(from, event.occurredAt())) {
                    return processed.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                }
                return items.findByLocation(event.to()).chain(to -> {
                    if (to != null && !to.id.equals(from.id)) {
                        from.status = ItemStatus.MISSING.name();
                        from.lastEventAt = micros(event.occurredAt());
                        return Uni.createFrom().item(CatalogOutcome.of(Result.NEEDS_INDEXING));
                    }
                    String leftStack = from.groupKey;
                    place(from, event.to());
                    from.contentHash = event.contentHash();
                    from.sizeBytes = event.sizeBytes();
                    from.modifiedAt = millis(event.modifiedAt());
                    from.lastEventAt = micros(event.occurredAt());
                    return restack(from)
                            .chain(() -> Objects.equals(leftStack, from.groupKey) ? Uni.createFrom().voidItem()
                                    : items.listStack(leftStack).invoke(CatalogService::arrange).replaceWithVoid())
                            .chain(() -> processed.record(event.eventId()))
                            .replaceWith(CatalogOutcome.of(Result.APPLIED));
                });
            });
        });
    }

    /** Marks the item missing; the catalog never deletes. */
    @WithTransaction
    public Uni<CatalogOutcome> recordRemoved(FileRemoved event) {
        return processed.isProcessed(event.eventId()).chain(done -> done
                ? Uni.createFrom().item(CatalogOutcome.of(Result.UNCHANGED))
                : items.findByLocation(event.location()).chain(item -> {
                    if (item == null || isStale(item, event.occurredAt())) {
                        return processed.record(event.eventId()).replaceWith(CatalogOutcome.of(Result.UNCHANGED));
                    }
                    item.status = ItemStatus.MISSING.name();
                    item.lastEventAt = micros(event.occurredAt());
                    return restack(item).chain(() -> processed.record(event.eventId()))
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
