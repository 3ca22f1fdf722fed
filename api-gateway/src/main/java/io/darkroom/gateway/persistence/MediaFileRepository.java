package io.darkroom.gateway.persistence;

import io.darkroom.gateway.domain.MediaFile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads what original and video delivery need from the catalog ({@code media_item}, written by index-service). */
@ApplicationScoped
public class MediaFileRepository {

    private final Pool pool;

    public MediaFileRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<MediaFile>> findById(long id) {
        return pool.preparedQuery("SELECT id, root, relative_path, file_name, content_hash, mime_type, status, kind,"
                        + " transcode_status, transcode_path FROM media_item WHERE id = ?")
                .execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, row -> new MediaFile(row.getLong("id"), row.getString("root"),
                        row.getString("relative_path"), row.getString("file_name"), row.getString("content_hash"),
                        row.getString("mime_type"), row.getString("status"), row.getString("kind"),
                        row.getString("transcode_status"), row.getString("transcode_path"))));
    }
}
