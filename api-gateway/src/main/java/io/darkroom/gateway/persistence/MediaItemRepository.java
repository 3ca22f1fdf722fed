package io.darkroom.gateway.persistence;

import io.darkroom.gateway.domain.LibraryCounts;
import io.darkroom.gateway.domain.MediaDetails;
import io.darkroom.gateway.domain.MediaItem;
import io.darkroom.gateway.domain.TimelineCursor;
import io.darkroom.gateway.domain.TimelinePage;
import io.darkroom.gateway.domain.MonthCount;
import io.darkroom.gateway.domain.TimelineFilter;
import io.darkroom.gateway.domain.TimelinePageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the catalog ({@code media_item}, written by index-service only) with plain SQL. DATETIME columns hold UTC.
 */
@ApplicationScoped
public class MediaItemRepository {

    private static final String COLUMNS = "id, root, relative_path, file_name, content_hash, status, kind, mime_type,"
            + " width, height, orientation, taken_at, taken_at_source, taken_at_zone, favourite, duration_ms,"
            + " failure_stage, failure_kind, failure_reason, thumbnail_status, transcode_status";

    /** The statuses the timeline shows: failed items stay visible with their reason. */
    private static final List<String> TIMELINE_STATUSES = List.of("INDEXED", "FAILED");

    private final Pool pool;

    public MediaItemRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Newest first by {@code (taken_at, id)}, undated items last, one item per stack (index-service marks the hidden
     * members: a RAW behind its JPEG, a Live Photo's motion half). No query sorts the catalog, and only the rows shown
     * are read (a 1,000,000-item catalog does not fit the buffer pool of a small server). MariaDB sorts NULL lowest,
     * so {@code DESC} puts undated items last, in the index and in the merge alike.
     */
    public Uni<TimelinePage> timeline(TimelinePageRequest request) {
        return timeline(request, TimelineFilter.NONE);
    }

    /**
     * The timeline narrowed by {@code filter}. The plain timeline (a date range at most) is one backward walk of
     * {@code idx_item_timeline_walk (stack_primary, archived, on_timeline, taken_at, id)} that stops after
     * {@code limit + 1} rows. Any other filter is one more condition on a keyset walk per status: a camera, kind,
     * favourite or folder filter has its own index {@code (column, status, taken_at, id)}, words use the full-text
     * index. In an album, stacks are not folded: what the family put in it is what it shows.
     */
    public Uni<TimelinePage> timeline(TimelinePageRequest request, TimelineFilter filter) {
        int fetch = request.limit() + 1; // one extra row tells whether a next page exists
        List<Object> params = new ArrayList<>();
        String sql = filter.onlyDates() ? walk(request.after(), filter, fetch, params)
                : mergedByStatus(request.after(), filter, fetch, params);
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<MediaItem> items = new ArrayList<>();
            rows.forEach(row -> items.add(toItem(row)));
            if (items.size() <= request.limit()) {
                return new TimelinePage(items, null);
            }
            List<MediaItem> page = List.copyOf(items.subList(0, request.limit()));
            return new TimelinePage(page, page.get(page.size() - 1).cursor());
        });
    }

    private static String walk(TimelineCursor after, TimelineFilter filter, int fetch, List<Object> params) {
        String where = "stack_primary = TRUE AND on_timeline = TRUE" + keyset(after, params)
                + conditions(filter, params);
        params.add(fetch);
        return "SELECT " + COLUMNS + " FROM media_item WHERE " + where + " ORDER BY taken_at DESC, id DESC LIMIT ?";
    }

    /** The page's keys from one range per status (each index-only), merged; then only the rows shown are read. */
    private static String mergedByStatus(TimelineCursor after, TimelineFilter filter, int fetch, List<Object> params) {
        List<String> branches = new ArrayList<>();
        for (String status : TIMELINE_STATUSES) {
            params.add(status);
            branches.add("(SELECT id AS page_id, taken_at AS page_taken_at FROM media_item WHERE "
                    + (filter.albumId() == null ? "stack_primary = TRUE AND " : "")
                    + "status = ?" + keyset(after, params)
                    + conditions(filter, params)
                    + " ORDER BY taken_at DESC, id DESC LIMIT ?)");
            params.add(fetch);
        }
        params.add(fetch);
        String keys = String.join(" UNION ALL ", branches) + " ORDER BY page_taken_at DESC, page_id DESC LIMIT ?";
        return "SELECT " + COLUMNS + " FROM (" + keys + ") page JOIN media_item ON id = page_id"
                + " ORDER BY page_taken_at DESC, page_id DESC";
    }

    private static String conditions(TimelineFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" AND archived = ?");
        params.add(filter.archived());
        if (filter.from() != null) {
            where.append(" AND taken_at >= ?");
            params.add(LocalDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" AND taken_at < ?");
            params.add(LocalDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        if (filter.cameraMake() != null) {
            where.append(" AND camera_make = ?");
            params.add(filter.cameraMake());
        }
        if (filter.cameraModel() != null) {
            where.append(" AND camera_model = ?");
            params.add(filter.cameraModel());
        }
        if (filter.kind() != null) {
            where.append(" AND kind = ?");
            params.add(filter.kind());
        }
        if (filter.favourite() != null) {
            where.append(" AND favourite = ?");
            params.add(filter.favourite());
        }
        if (filter.albumId() != null) {
            where.append(" AND id IN (SELECT item_id FROM album_item WHERE album_id = ?)");
            params.add(filter.albumId());
        }
        if (filter.folderHash() != null) {
            where.append(" AND folder_hash = ?");
            params.add(io.vertx.core.buffer.Buffer.buffer(filter.folderHash()));
        }
        if (!filter.words().isEmpty()) {
            where.append(" AND MATCH(search_text) AGAINST(? IN BOOLEAN MODE)");
            params.add(filter.booleanQuery());
        }
        return where.toString();
    }

    /** Items per month of the timeline (for the scrubber), newest first; undated items are not in any month. */
    public Uni<List<MonthCount>> months() {
        return pool.query("SELECT YEAR(taken_at) AS y, MONTH(taken_at) AS m, COUNT(*) AS n FROM media_item"
                        + " WHERE stack_primary = TRUE AND status IN ('INDEXED', 'FAILED') AND archived = FALSE"
                        + " AND taken_at IS NOT NULL GROUP BY y, m ORDER BY y DESC, m DESC")
                .execute()
                .map(rows -> {
                    List<MonthCount> months = new ArrayList<>();
                    rows.forEach(row -> months.add(new MonthCount(row.getInteger("y"), row.getInteger("m"),
                            row.getLong("n"))));
                    return months;
                });
    }

    /** The rows strictly after the cursor in timeline order; adds the cursor's parameters. */
    private static String keyset(TimelineCursor after, List<Object> params) {
        if (after == null) {
            return "";
        }
        if (after.takenAt() == null) {
            params.add(after.id());
            return " AND taken_at IS NULL AND id < ?";
        }
        LocalDateTime takenAt = LocalDateTime.ofInstant(after.takenAt(), ZoneOffset.UTC);
        params.add(takenAt);
        params.add(takenAt);
        params.add(after.id());
        return " AND (taken_at < ? OR (taken_at = ? AND id < ?) OR taken_at IS NULL)";
    }

    /** An item with everything the catalog knows of it, whatever its status. */
    public Uni<Optional<MediaItemWithDetails>> findWithDetails(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", size_bytes, modified_at, camera_make, camera_model, lens,"
                        + " exposure_s, f_number, iso, focal_length_mm, gps_lat, gps_lng, gps_alt, video_codec,"
                        + " audio_codec, fps, rotation, title, description, keywords, rating, archived"
                        + " FROM media_item WHERE id = ?").execute(Tuple.of(id))
                .map(rows -> first(rows).map(row -> new MediaItemWithDetails(toItem(row), new MediaDetails(
                        row.getLong("size_bytes"), utc(row.getLocalDateTime("modified_at")),
                        row.getString("camera_make"), row.getString("camera_model"), row.getString("lens"),
                        row.getDouble("exposure_s"), row.getBigDecimal("f_number"), row.getInteger("iso"),
                        row.getBigDecimal("focal_length_mm"), row.getBigDecimal("gps_lat"),
                        row.getBigDecimal("gps_lng"), row.getBigDecimal("gps_alt"), row.getString("video_codec"),
                        row.getString("audio_codec"), row.getBigDecimal("fps"), row.getInteger("rotation"),
                        row.getString("title"), row.getString("description"), keywords(row.getString("keywords")),
                        row.getInteger("rating"), row.getBoolean("archived")))));
    }

    /** An item and its details. */
    public record MediaItemWithDetails(MediaItem item, MediaDetails details) {
    }

    private static List<String> keywords(String lines) {
        return lines == null || lines.isBlank() ? List.of()
                : lines.lines().map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** Any item, whatever its status (a MISSING one too). */
    public Uni<Optional<MediaItem>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM media_item WHERE id = ?").execute(Tuple.of(id))
                .map(rows -> first(rows).map(MediaItemRepository::toItem));
    }

    /** The items with these ids, in the order given; ids without an item are left out. */
    public Uni<List<MediaItem>> findByIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM media_item WHERE id IN (" + marks + ")")
                .execute(Tuple.from(new ArrayList<Object>(ids)))
                .map(rows -> {
                    java.util.Map<Long, MediaItem> byId = new java.util.HashMap<>();
                    rows.forEach(row -> byId.put(row.getLong("id"), toItem(row)));
                    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
                });
    }

    public Uni<LibraryCounts> counts() {
        String sql = "SELECT COUNT(*) AS items,"
                + " COALESCE(SUM(status = 'INDEXED'), 0) AS indexed,"
                + " COALESCE(SUM(status = 'FAILED'), 0) AS failed,"
                + " COALESCE(SUM(status = 'MISSING'), 0) AS missing,"
                + " COALESCE(SUM(thumbnail_status = 'DONE'), 0) AS thumbnails_done,"
                + " COALESCE(SUM(transcode_status = 'DONE'), 0) AS transcodes_done,"
                + " COALESCE(SUM(transcode_status = 'PENDING'), 0) AS transcodes_pending"
                + " FROM media_item";
        return pool.query(sql).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new LibraryCounts(row.getLong("items"), row.getLong("indexed"), row.getLong("failed"),
                    row.getLong("missing"), row.getLong("thumbnails_done"), row.getLong("transcodes_done"),
                    row.getLong("transcodes_pending"));
        });
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    private static MediaItem toItem(Row row) {
        String failureStage = row.getString("failure_stage");
        String failureKind = row.getString("failure_kind");
        String failureReason = row.getString("failure_reason");
        MediaItem.Failure failure = failureStage == null && failureKind == null && failureReason == null ? null
                : new MediaItem.Failure(failureStage, failureKind, failureReason);
        return new MediaItem(
                row.getLong("id"),
                row.getString("root"),
                row.getString("relative_path"),
                row.getString("file_name"),
                row.getString("content_hash"),
                row.getString("status"),
                row.getString("kind"),
                row.getString("mime_type"),
                row.getInteger("width"),
                row.getInteger("height"),
                row.getInteger("orientation"),
                utc(row.getLocalDateTime("taken_at")),
                row.getString("taken_at_source"),
                row.getString("taken_at_zone"),
                row.getBoolean("favourite"),
                row.getLong("duration_ms"),
                failure,
                row.getString("thumbnail_status"),
                row.getString("transcode_status"));
    }

    private static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
