package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.domain.Upload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** Unfinished uploads created before {@code cutoff}: the candidates of the abandoned-upload sweep. */
    public Uni<List<String>> unfinishedCreatedBefore(Instant cutoff) {
        return pool.preparedQuery("SELECT id FROM upload WHERE library_path IS NULL AND created_at < ?")
                .execute(Tuple.of(utc(cutoff)))
                .map(rows -> Rows.all(rows, row -> row.getString("id")));
    }

    /** Deletes an unfinished upload's row; false when it is gone or was completed meanwhile. */
    public Uni<Boolean> deleteUnfinished(String id) {
        return pool.preparedQuery("DELETE FROM upload WHERE id = ? AND library_path IS NULL")
                .execute(Tuple.of(id)).map(result -> result.rowCount() == 1);
    }

    /** Deletes the rows of finished uploads created before {@code cutoff} (the files are in the library); how many. */
    public Uni<Integer> deleteFinishedCreatedBefore(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM upload WHERE library_path IS NOT NULL AND created_at < ?")
                .execute(Tuple.of(utc(cutoff))).map(result -> result.rowCount());
    }

    /** The ids among these that have a row. */
    public Uni<Set<String>> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        return pool.preparedQuery("SELECT id FROM upload WHERE id IN (" + marks + ")")
                .execute(Tuple.from(new ArrayList<Object>(ids)))
                .map(rows -> new HashSet<>(Rows.all(rows, row -> row.getString("id"))));
    }

    public Uni<Void> delete(String id) {
        return pool.preparedQuery("DELETE FROM upload WHERE id = ?").execute(Tuple.of(id)).replaceWithVoid();
    }
}
