package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.security.ApiToken;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.CallerCache;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens for scripts ({@code api_token}), stored by their SHA-256. A token acts with its owner's role. */
@ApplicationScoped
public class ApiTokenRepository {

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Pool pool;
    private final CallerCache callers;

    public ApiTokenRepository(Pool pool, CallerCache callers) {
        this.pool = pool;
        this.callers = callers;
    }

    public Uni<Long> create(long accountId, String name, byte[] tokenHash, Instant now) {
        return pool.preparedQuery("INSERT INTO api_token (account_id, name, token_hash, created_at)"
                        + " VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(accountId, name, Buffer.buffer(tokenHash), utc(now)))
                .map(Rows::insertedId);
    }

    public Uni<Optional<Caller>> findLive(byte[] tokenHash, Instant now) {
        return pool.preparedQuery("SELECT a.id, a.username, a.role, t.last_used_at FROM api_token t"
                        + " JOIN account a ON a.id = t.account_id"
                        + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT a.disabled")
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .chain(rows -> {
                    var found = Rows.first(rows, row -> row);
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Caller>empty());
                    }
                    Row row = found.get();
                    Caller caller = new Caller(row.getLong("id"), row.getString("username"),
                            Role.valueOf(row.getString("role")), Caller.Method.API_TOKEN, null, tokenHash);
                    Instant lastUsed = Rows.instant(row, "last_used_at");
                    if (lastUsed != null && lastUsed.plus(TOUCH_EVERY).isAfter(now)) {
                        return Uni.createFrom().item(Optional.of(caller));
                    }
                    return pool.preparedQuery("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?")
                            .execute(Tuple.of(utc(now), Buffer.buffer(tokenHash)))
                            .replaceWith(Optional.of(caller));
                });
    }

    public Uni<List<ApiToken>> listFor(long accountId) {
        return pool.preparedQuery("SELECT id, name, created_at, last_used_at, revoked_at FROM api_token"
                        + " WHERE account_id = ? ORDER BY id")
                .execute(Tuple.of(accountId))
                .map(rows -> Rows.all(rows, row -> new ApiToken(row.getLong("id"), row.getString("name"),
                        Rows.instant(row, "created_at"), Rows.instant(row, "last_used_at"),
                        Rows.instant(row, "revoked_at"))));
    }

    /** Revokes one of the account's own tokens; whether there was such a live token. */
    public Uni<Boolean> revoke(long id, long accountId, Instant now) {
        return pool.preparedQuery("UPDATE api_token SET revoked_at = ? WHERE id = ? AND account_id = ?"
                        + " AND revoked_at IS NULL")
                .execute(Tuple.of(utc(now), id, accountId)).invoke(callers::forgetAll)
                .map(result -> result.rowCount() == 1);
    }
}
