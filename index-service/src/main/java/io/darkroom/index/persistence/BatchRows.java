package io.darkroom.index.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.common.AffectedEntities;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

/**
 * A batch's new rows in multi-row INSERTs, inside the batch's transaction: its new items (Hibernate would insert
 * each alone, since the id is AUTO_INCREMENT) and its processed events. The items go in the order they were
 * catalogued, so their ids keep that order ("first catalogued first" in a stack).
 *
 * <p>The statements go straight to the session's connection (same transaction), not through a Hibernate native
 * query: Hibernate parses every statement's SQL for its parameters and binds each of its ~2,400 values through its
 * type system, which cost more event-loop time than the rest of the batch's write (docs/decisions.md, "Index: file
 * events in batches"). Should the session not expose its connection, the native query is used instead.
 *
 * <p>The batch's look-ups by lists of keys are plain SQL on that connection too: Hibernate translates a query with a
 * list parameter afresh each time (its plan cache skips them), a quarter of the event loop's time per batch.
 */
final class BatchRows {

    /** Every column Hibernate writes for a {@link MediaItemEntity} but the id (BatchRowsTest keeps them in step). */
    static final List<String> ITEM_COLUMNS = List.of("root", "relative_path", "location_hash", "file_name",
            "folder_hash", "content_hash", "size_bytes", "modified_at", "status", "kind", "mime_type", "width",
            "height", "orientation", "taken_at", "taken_at_source", "taken_at_zone", "duration_ms", "camera_make",
            "camera_model", "lens", "exposure_s", "f_number", "iso", "focal_length_mm", "gps_lat", "gps_lng",
            "gps_alt", "video_codec", "audio_codec", "fps", "rotation", "title", "description", "keywords", "rating",
            "content_identifier", "group_key", "stack_primary", "favourite", "archived", "failure_stage",
            "failure_kind", "failure_reason", "thumbnail_status", "transcode_status", "transcode_path",
            "last_event_at");

    /** Rows per statement: 200 x 48 parameters stays far under MariaDB's 65,535 placeholders. */
    private static final int ROWS_PER_STATEMENT = 200;

    private BatchRows() {
    }

    static Uni<Void> insertItems(Mutiny.Session session, List<MediaItemEntity> items) {
        ReactiveConnection connection = connection(session);
        if (connection != null) {
            return inChunks(items, chunk -> {
                Object[] values = new Object[chunk.size() * ITEM_COLUMNS.size()];
                int position = 0;
                for (MediaItemEntity item : chunk) {
                    for (Object value : values(item)) {
                        values[position++] = value instanceof byte[] bytes ? Buffer.buffer(bytes) : value;
                    }
                }
                return update(connection, insert("media_item", ITEM_COLUMNS, chunk.size()), values);
            });
        }
        return inChunks(items, chunk -> {
            Mutiny.Query<Object> insert = session.createNativeQuery(
                    insert("media_item", ITEM_COLUMNS, chunk.size()), new AffectedEntities(MediaItemEntity.class));
            int position = 1;
            for (MediaItemEntity item : chunk) {
                for (Object value : values(item)) {
                    insert.setParameter(position++, value);
                }
            }
            return insert.executeUpdate();
        });
    }

    static Uni<Void> insertProcessed(Mutiny.Session session, List<UUID> eventIds) {
        ReactiveConnection connection = connection(session);
        if (connection != null) {
            return inChunks(eventIds, chunk -> update(connection, insert("processed_event", List.of("event_id"),
                    chunk.size()), chunk.stream().map(UUID::toString).toArray()));
        }
        return inChunks(eventIds, chunk -> {
            Mutiny.Query<Object> insert = session.createNativeQuery(
                    insert("processed_event", List.of("event_id"), chunk.size()),
                    new AffectedEntities(ProcessedEventEntity.class));
            for (int i = 0; i < chunk.size(); i++) {
                insert.setParameter(i + 1, chunk.get(i).toString());
            }
            return insert.executeUpdate();
        });
    }

    /**
     * Whether any item is at one of these locations or in one of these stacks: one indexed look-up that loads no
     * entity (for a batch of new files, the usual case, there is nothing to load).
     */
    static Uni<Boolean> anyItemAmong(ReactiveConnection connection, List<byte[]> locationHashes,
            Collection<String> groupKeys) {
        List<Object> values = new ArrayList<>();
        locationHashes.forEach(hash -> values.add(Buffer.buffer(hash)));
        values.addAll(groupKeys);
        String sql = "SELECT 1 FROM media_item WHERE location_hash IN (" + placeholders(locationHashes.size()) + ")"
                + (groupKeys.isEmpty() ? "" : " OR group_key IN (" + placeholders(groupKeys.size()) + ")") + " LIMIT 1";
        return Uni.createFrom().completionStage(() -> connection.select(sql, values.toArray()))
                .map(result -> result.hasNext());
    }

    /** The event ids among these that {@code processed_event} holds. */
    static Uni<Set<String>> recordedAmong(ReactiveConnection connection, List<String> eventIds) {
        String sql = "SELECT event_id FROM processed_event WHERE event_id IN (" + placeholders(eventIds.size()) + ")";
        return Uni.createFrom().completionStage(() -> connection.select(sql, eventIds.toArray())).map(result -> {
            Set<String> found = new HashSet<>();
            result.forEachRemaining(row -> found.add((String) row[0]));
            return found;
        });
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The session's connection, inside its transaction; null where the session is not Hibernate Reactive's own. */
    static ReactiveConnection connection(Mutiny.Session session) {
        return session instanceof MutinySessionImpl own ? own.getReactiveConnection() : null;
    }

    private static Uni<Integer> update(ReactiveConnection connection, String sql, Object[] values) {
        return Uni.createFrom().completionStage(() -> connection.update(sql, values));
    }

    private static <T> Uni<Void> inChunks(List<T> rows, Function<List<T>, Uni<Integer>> statement) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            all = all.chain(() -> statement.apply(chunk).invoke(inserted -> {
                if (inserted != chunk.size()) { // a refused row fails the statement; this would be a bug
                    throw new IllegalStateException(inserted + " of " + chunk.size() + " rows inserted");
                }
            })).replaceWithVoid();
        }
        return all;
    }

    static String insert(String table, List<String> columns, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
    }

    /** The item's values in {@link #ITEM_COLUMNS}' order, as Hibernate would bind them. */
    static Object[] values(MediaItemEntity i) {
        return new Object[] {i.root, i.relativePath, i.locationHash, i.fileName, i.folderHash, i.contentHash,
                i.sizeBytes, utc(i.modifiedAt), i.status, i.kind, i.mimeType, i.width, i.height, i.orientation,
                utc(i.takenAt), i.takenAtSource, i.takenAtZone, i.durationMs, i.cameraMake, i.cameraModel, i.lens,
                i.exposureSeconds, i.fNumber, i.iso, i.focalLengthMm, i.gpsLat, i.gpsLng, i.gpsAlt, i.videoCodec,
                i.audioCodec, i.fps, i.rotation, i.title, i.description, i.keywords, i.rating, i.contentIdentifier,
                i.groupKey, i.stackPrimary, i.favourite, i.archived, i.failureStage, i.failureKind,
                i.failureReason, i.thumbnailStatus, i.transcodeStatus, i.transcodePath, utc(i.lastEventAt)};
    }

    /** DATETIME columns hold UTC (quarkus.hibernate-orm.jdbc.timezone=UTC), as the entity's Instants are written. */
    private static LocalDateTime utc(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
