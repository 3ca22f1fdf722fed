package io.darkroom.gateway.persistence;

import io.darkroom.gateway.domain.ThumbnailSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads what the thumbnail endpoints need from the catalog ({@code media_item}, written by index-service). */
@ApplicationScoped
public class ThumbnailSourceRepository {

    private static final String COLUMNS = "id, content_hash, status, root, relative_path, kind, orientation, width,"
            + " height, thumbnail_status";

    private final Pool pool;

    public ThumbnailSourceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<ThumbnailSource>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM media_item WHERE id = ?").execute(Tuple.of(id))
                .map(ThumbnailSourceRepository::first);
    }

    /**
     * An item with this content, an indexed one first (several files may share one content; any of them will do as
     * the original). Uses {@code idx_item_content}.
     */
    public Uni<Optional<ThumbnailSource>> findByContentHash(String contentHash) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM media_item WHERE content_hash = ?"
                        + " ORDER BY status = 'INDEXED' DESC, id LIMIT 1")
                .execute(Tuple.of(contentHash))
                .map(ThumbnailSourceRepository::first);
    }

    private static Optional<ThumbnailSource> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return Optional.empty();
        }
        Row row = iterator.next();
        return Optional.of(new ThumbnailSource(row.getLong("id"), row.getString("content_hash"),
                row.getString("status"), row.getString("root"), row.getString("relative_path"), row.getString("kind"),
                row.getInteger("orientation"), row.getInteger("width"), row.getInteger("height"),
                row.getString("thumbnail_status")));
    }
}
