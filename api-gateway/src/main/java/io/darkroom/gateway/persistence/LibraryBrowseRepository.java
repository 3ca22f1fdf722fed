package io.darkroom.gateway.persistence;

import io.darkroom.gateway.domain.FolderEntry;
import io.darkroom.gateway.domain.MediaItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folders, duplicates and failures: the library seen other than by date. */
@ApplicationScoped
public class LibraryBrowseRepository {

    /** More sub-folders than this in one folder are cut off (the answer says so). */
    public static final int MAX_FOLDERS = 2000;

    private final Pool pool;
    private final MediaItemRepository items;

    public LibraryBrowseRepository(Pool pool, MediaItemRepository items) {
        this.pool = pool;
        this.items = items;
    }

    /** The library roots with their item counts. */
    public Uni<Map<String, Long>> roots() {
        return pool.query("SELECT root, COUNT(*) AS n FROM media_item WHERE status <> 'MISSING' GROUP BY root"
                        + " ORDER BY root").execute()
                .map(rows -> {
                    Map<String, Long> roots = new LinkedHashMap<>();
                    rows.forEach(row -> roots.put(row.getString("root"), row.getLong("n")));
                    return roots;
                });
    }

    /**
     * The sub-folders of {@code folder} ('' for the top of the root): a prefix range of {@code idx_item_path},
     * grouped by the next path segment of each item that lies deeper.
     */
    public Uni<List<FolderEntry>> folders(String root, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        int next = prefix.codePointCount(0, prefix.length()) + 1;
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return pool.preparedQuery("SELECT SUBSTRING_INDEX(SUBSTRING(relative_path, ?), '/', 1) AS name,"
                        + " COUNT(*) AS n FROM media_item WHERE root = ? AND relative_path LIKE ?"
                        + " AND LOCATE('/', relative_path, ?) > 0 AND status <> 'MISSING'"
                        + " GROUP BY name ORDER BY name LIMIT ?")
                .execute(Tuple.of(next, root, like, next, MAX_FOLDERS + 1))
                .map(rows -> {
                    List<FolderEntry> folders = new ArrayList<>();
                    rows.forEach(row -> folders.add(new FolderEntry(row.getString("name"),
                            prefix + row.getString("name"), row.getLong("n"))));
                    return folders;
                });
    }

    /**
     * Groups of items with the same content, by content hash after {@code afterHash}: the group-by walks
     * {@code idx_item_content} alone; missing copies are dropped afterwards (a group left with one item is no group).
     */
    public Uni<DuplicatePage> duplicates(String afterHash, int limit) {
        return pool.preparedQuery("SELECT content_hash FROM media_item WHERE content_hash > ?"
                        + " GROUP BY content_hash HAVING COUNT(*) > 1 ORDER BY content_hash LIMIT ?")
                .execute(Tuple.of(afterHash == null ? "" : afterHash, limit))
                .chain(rows -> {
                    List<String> hashes = new ArrayList<>();
                    rows.forEach(row -> hashes.add(row.getString(0)));
                    String next = hashes.size() == limit ? hashes.get(hashes.size() - 1) : null;
                    if (hashes.isEmpty()) {
                        return Uni.createFrom().item(new DuplicatePage(List.of(), null));
                    }
                    String marks = String.join(",", Collections.nCopies(hashes.size(), "?"));
                    return pool.preparedQuery("SELECT id FROM media_item WHERE content_hash IN (" + marks + ")"
                                    + " AND status <> 'MISSING' ORDER BY content_hash, id")
                            .execute(Tuple.from(new ArrayList<Object>(hashes)))
                            .chain(idRows -> {
                                List<Long> ids = new ArrayList<>();
                                idRows.forEach(row -> ids.add(row.getLong(0)));
                                return items.findByIds(ids);
                            })
                            .map(found -> {
                                Map<String, List<MediaItem>> groups = new LinkedHashMap<>();
                                hashes.forEach(hash -> groups.put(hash, new ArrayList<>()));
                                found.forEach(item -> groups.get(item.contentHash()).add(item));
                                return new DuplicatePage(groups.values().stream().filter(group -> group.size() > 1)
                                        .toList(), next);
                            });
                });
    }

    /** One page of duplicate groups; {@code nextHash} continues after it (null: the last page). */
    public record DuplicatePage(List<List<MediaItem>> groups, String nextHash) {
    }

    /** Items something failed on (indexing, thumbnails or transcoding), newest id first, before {@code beforeId}. */
    public Uni<List<MediaItem>> failures(Long beforeId, int limit) {
        return pool.preparedQuery("SELECT id FROM media_item WHERE id < ? AND (status = 'FAILED'"
                        + " OR thumbnail_status = 'FAILED' OR transcode_status = 'FAILED') ORDER BY id DESC LIMIT ?")
                .execute(Tuple.of(beforeId == null ? Long.MAX_VALUE : beforeId, limit))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return items.findByIds(ids);
                });
    }
}
