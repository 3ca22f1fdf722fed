package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.domain.Upload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Uploads in progress ({@code upload}, api-gateway's own table). */
@ApplicationScoped
public class UploadRepository {

    private final Pool pool;

    public UploadRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> create(Upload upload) {
        return pool.preparedQuery("INSERT INTO upload (id, account_id, file_name, size_bytes, sha256, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .execute(Tuple.of(upload.id(), upload.accountId(), upload.fileName(), upload.sizeBytes(),
                        upload.sha256(), utc(upload.createdAt())))
                .replaceWithVoid();
    }

    /** The upload, if it is this account's. */
    public Uni<Optional<Upload>> find(String id, long accountId) {
        return pool.preparedQuery("SELECT id, account_id, file_name, size_bytes, received_bytes, sha256, created_at,"
                        + " library_path FROM upload WHERE id = ? AND account_id = ?")
                .execute(Tuple.of(id, accountId))
                .map(rows -> Rows.first(rows, row -> new Upload(row.getString("id"), row.getLong("account_id"),
                        row.getString("file_name"), row.getLong("size_bytes"), row.getLong("received_bytes"),
                        row.getString("sha256"), Rows.instant(row, "created_at"), row.getString("library_path"))));
    }

    /** Moves the received count from {@code from} to {@code to}; false when another request moved it first. */
    public Uni<Boolean> advance(String id, long from, long to) {
        return pool.preparedQuery("UPDATE upload SET received_bytes = ? WHERE id = ? AND received_bytes = ?"
                        + " AND library_path IS NULL")
                .execute(Tuple.of(to, id, from)).map(result -> result.rowCount() == 1);
    }

    public Uni<Void> complete(String id, String libraryPath) {
        return pool.preparedQuery("UPDATE upload SET library_path = ? WHERE id = ?")
                .execute(Tuple.of(libraryPath, id)).replaceWithVoid();
    }

    public Uni<Void> delete(String id) {
        return pool.preparedQuery("DELETE FROM upload WHERE id = ?").execute(Tuple.of(id)).replaceWithVoid();
    }
}
