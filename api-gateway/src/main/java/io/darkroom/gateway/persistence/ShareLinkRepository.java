package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.security.ShareLink;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Share links ({@code share_link}, by the SHA-256 of their token) and the grants of unlocked ones. */
@ApplicationScoped
public class ShareLinkRepository {

    private static final String COLUMNS = "id, created_by, scope, target_id, password_hash, expires_at, revoked_at,"
            + " created_at";

    private final Pool pool;

    public ShareLinkRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> create(byte[] tokenHash, long createdBy, ShareLink.Scope scope, long targetId,
            String passwordHash, Instant expiresAt, Instant now) {
        return pool.preparedQuery("INSERT INTO share_link (token_hash, created_by, scope, target_id, password_hash,"
                        + " expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {Buffer.buffer(tokenHash), createdBy, scope.name(), targetId,
                        passwordHash, utc(expiresAt), utc(now)}))
                .map(Rows::insertedId);
    }

    public Uni<Optional<ShareLink>> findByToken(byte[] tokenHash) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM share_link WHERE token_hash = ?")
                .execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> Rows.first(rows, ShareLinkRepository::link));
    }

    public Uni<Optional<ShareLink>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM share_link WHERE id = ?")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, ShareLinkRepository::link));
    }

    /** The links one account made, or everyone's when {@code createdBy} is null (an admin). */
    public Uni<List<ShareLink>> list(Long createdBy) {
        return (createdBy == null
                ? pool.query("SELECT " + COLUMNS + " FROM share_link ORDER BY id DESC").execute()
                : pool.preparedQuery("SELECT " + COLUMNS + " FROM share_link WHERE created_by = ? ORDER BY id DESC")
                        .execute(Tuple.of(createdBy)))
                .map(rows -> Rows.all(rows, ShareLinkRepository::link));
    }

    public Uni<Boolean> revoke(long id, Instant now) {
        return pool.preparedQuery("UPDATE share_link SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .execute(Tuple.of(utc(now), id)).map(result -> result.rowCount() == 1);
    }

    public Uni<Void> createGrant(byte[] grantHash, long shareId, Instant expiresAt) {
        return pool.preparedQuery("INSERT INTO share_grant (grant_hash, share_id, expires_at) VALUES (?, ?, ?)")
                .execute(Tuple.of(Buffer.buffer(grantHash), shareId, utc(expiresAt))).replaceWithVoid();
    }

    public Uni<Boolean> hasGrant(byte[] grantHash, long shareId, Instant now) {
        return pool.preparedQuery("SELECT 1 FROM share_grant WHERE grant_hash = ? AND share_id = ? AND expires_at > ?")
                .execute(Tuple.of(Buffer.buffer(grantHash), shareId, utc(now)))
                .map(rows -> rows.iterator().hasNext());
    }

    private static ShareLink link(Row row) {
        return new ShareLink(row.getLong("id"), row.getLong("created_by"),
                ShareLink.Scope.valueOf(row.getString("scope")), row.getLong("target_id"),
                row.getString("password_hash"), Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"),
                Rows.instant(row, "created_at"));
    }
}
