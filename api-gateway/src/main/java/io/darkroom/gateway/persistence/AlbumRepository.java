package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.domain.Album;
import io.darkroom.gateway.domain.AlbumPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Albums and their items ({@code album}, {@code album_item}: api-gateway's own tables). Listings count only items
 * still in the catalog (joined with {@code media_item}), so an item purged by an admin drops out by itself.
 */
@ApplicationScoped
public class AlbumRepository {

    private static final String SELECT = "SELECT a.id, a.owner_id, o.username, a.title, a.created_at, a.updated_at,"
            + " (SELECT COUNT(*) FROM album_item ai JOIN media_item m ON m.id = ai.item_id WHERE ai.album_id = a.id)"
            + " AS item_count,"
            + " COALESCE(a.cover_item_id, (SELECT ai.item_id FROM album_item ai JOIN media_item m ON m.id = ai.item_id"
            + " WHERE ai.album_id = a.id ORDER BY ai.position, ai.item_id LIMIT 1)) AS cover"
            + " FROM album a JOIN account o ON o.id = a.owner_id";

    private final Pool pool;

    public AlbumRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> create(long ownerId, String title, Instant now) {
        return pool.preparedQuery("INSERT INTO album (owner_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(ownerId, title, utc(now), utc(now))).map(Rows::insertedId);
    }

    public Uni<Optional<Album>> find(long id) {
        return pool.preparedQuery(SELECT + " WHERE a.id = ?").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, AlbumRepository::album));
    }

    /** Every album, the most recently changed first (the family shares one library, so everyone sees all albums). */
    public Uni<List<Album>> list() {
        return pool.query(SELECT + " ORDER BY a.updated_at DESC, a.id DESC").execute()
                .map(rows -> Rows.all(rows, AlbumRepository::album));
    }

    public Uni<Void> update(long id, String title, Long coverItemId, Instant now) {
        return pool.preparedQuery("UPDATE album SET title = ?, cover_item_id = ?, updated_at = ? WHERE id = ?")
                .execute(Tuple.of(title, coverItemId, utc(now), id)).replaceWithVoid();
    }

    public Uni<Void> delete(long id) {
        return pool.preparedQuery("DELETE FROM album WHERE id = ?").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Appends the items not yet in the album, in the order given; returns how many were added. */
    public Uni<Integer> addItems(long albumId, List<Long> itemIds, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT COALESCE(MAX(position), 0) FROM album_item WHERE album_id = ? FOR UPDATE")
                .execute(Tuple.of(albumId))
                .chain(rows -> {
                    int next = rows.iterator().next().getInteger(0) + 1;
                    List<Tuple> batch = new ArrayList<>();
                    for (Long itemId : itemIds) {
                        batch.add(Tuple.of(albumId, itemId, next++, utc(now)));
                    }
                    return tx.preparedQuery("INSERT IGNORE INTO album_item (album_id, item_id, position, added_at)"
                            + " VALUES (?, ?, ?, ?)").executeBatch(batch);
                })
                .map(Rows::batchRowCount)
                .call(() -> touch(tx, albumId, now)));
    }

    /** Removes the items; a removed cover falls back to the first item. Returns how many were removed. */
    public Uni<Integer> removeItems(long albumId, List<Long> itemIds, Instant now) {
        String marks = String.join(",", Collections.nCopies(itemIds.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(albumId);
        params.addAll(itemIds);
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM album_item WHERE album_id = ? AND item_id IN ("
                        + marks + ")").execute(Tuple.from(params))
                .map(result -> result.rowCount())
                .call(() -> tx.preparedQuery("UPDATE album SET cover_item_id = NULL WHERE id = ? AND cover_item_id"
                        + " IN (" + marks + ")").execute(Tuple.from(params)))
                .call(() -> touch(tx, albumId, now)));
    }

    /** All item ids of the album, in album order (for reordering and share links). */
    public Uni<List<Long>> itemIds(long albumId) {
        return pool.preparedQuery("SELECT item_id FROM album_item WHERE album_id = ? ORDER BY position, item_id")
                .execute(Tuple.of(albumId)).map(rows -> Rows.all(rows, row -> row.getLong(0)));
    }

    /** One page of the album's item ids with their positions, strictly after {@code after}. */
    public Uni<List<AlbumPosition>> page(long albumId, AlbumPosition after, int limit) {
        String keyset = after == null ? "" : " AND (ai.position > ? OR (ai.position = ? AND ai.item_id > ?))";
        List<Object> params = new ArrayList<>(List.of(albumId));
        if (after != null) {
            params.addAll(List.of(after.position(), after.position(), after.itemId()));
        }
        params.add(limit);
        return pool.preparedQuery("SELECT ai.position, ai.item_id FROM album_item ai JOIN media_item m ON m.id ="
                        + " ai.item_id WHERE ai.album_id = ?" + keyset + " ORDER BY ai.position, ai.item_id LIMIT ?")
                .execute(Tuple.from(params))
                .map(rows -> Rows.all(rows, row -> new AlbumPosition(row.getInteger(0), row.getLong(1))));
    }

    /** Gives the items positions 1..n in the order given (which holds exactly the album's items). */
    public Uni<Void> reorder(long albumId, List<Long> itemIds, Instant now) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < itemIds.size(); i++) {
            batch.add(Tuple.of(i + 1, albumId, itemIds.get(i)));
        }
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "UPDATE album_item SET position = ? WHERE album_id = ? AND item_id = ?").executeBatch(batch)
                .call(() -> touch(tx, albumId, now))).replaceWithVoid();
    }

    private static Uni<Void> touch(SqlClient tx, long albumId, Instant now) {
        return tx.preparedQuery("UPDATE album SET updated_at = ? WHERE id = ?").execute(Tuple.of(utc(now), albumId))
                .replaceWithVoid();
    }

    private static Album album(Row row) {
        return new Album(row.getLong("id"), row.getLong("owner_id"), row.getString("username"), row.getString("title"),
                row.getLong("cover"), row.getInteger("item_count"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
