package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.CallerCache;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Cookie sessions ({@code account_session}), stored by the SHA-256 of the cookie's value. */
@ApplicationScoped
public class SessionRepository {

    /** A session's expiry moves forward at most this often: one write a minute per active session, not per request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Pool pool;
    private final CallerCache callers;

    public SessionRepository(Pool pool, CallerCache callers) {
        this.pool = pool;
        this.callers = callers;
    }

    public Uni<Void> create(byte[] idHash, long accountId, String csrfToken, Instant now, Instant expiresAt,
            String clientIp) {
        return pool.preparedQuery("INSERT INTO account_session (id_hash, account_id, csrf_token, created_at,"
                        + " last_seen_at, expires_at, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {Buffer.buffer(idHash), accountId, csrfToken, utc(now), utc(now),
                        utc(expiresAt), clientIp}))
                .replaceWithVoid();
    }

    /**
     * The caller behind a live session of an enabled account, sliding its expiry forward by {@code idle} (never past
     * {@code maxAge} from its start).
     */
    public Uni<Optional<Caller>> findLive(byte[] idHash, Instant now, Duration idle, Duration maxAge) {
        return pool.preparedQuery("SELECT a.id, a.username, a.role, s.csrf_token, s.created_at, s.last_seen_at"
                        + " FROM account_session s JOIN account a ON a.id = s.account_id"
                        + " WHERE s.id_hash = ? AND s.expires_at > ? AND NOT a.disabled")
                .execute(Tuple.of(Buffer.buffer(idHash), utc(now)))
                .chain(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Uni.createFrom().item(Optional.<Caller>empty());
                    }
                    var row = iterator.next();
                    Caller caller = new Caller(row.getLong("id"), row.getString("username"),
                            Role.valueOf(row.getString("role")), Caller.Method.SESSION, row.getString("csrf_token"),
                            idHash);
                    Instant lastSeen = Rows.instant(row, "last_seen_at");
                    if (lastSeen.plus(TOUCH_EVERY).isAfter(now)) {
                        return Uni.createFrom().item(Optional.of(caller));
                    }
                    Instant cap = Rows.instant(row, "created_at").plus(maxAge);
                    Instant expires = now.plus(idle).isBefore(cap) ? now.plus(idle) : cap;
                    return pool.preparedQuery("UPDATE account_session SET last_seen_at = ?, expires_at = ?"
                                    + " WHERE id_hash = ?")
                            .execute(Tuple.of(utc(now), utc(expires), Buffer.buffer(idHash)))
                            .replaceWith(Optional.of(caller));
                });
    }

    public Uni<Void> delete(byte[] idHash) {
        return pool.preparedQuery("DELETE FROM account_session WHERE id_hash = ?")
                .execute(Tuple.of(Buffer.buffer(idHash))).invoke(callers::forgetAll).replaceWithVoid();
    }

    /** Signs an account out everywhere: its password changed, or it was disabled. */
    public Uni<Void> deleteForAccount(long accountId) {
        return pool.preparedQuery("DELETE FROM account_session WHERE account_id = ?")
                .execute(Tuple.of(accountId)).invoke(callers::forgetAll).replaceWithVoid();
    }

    /** Expired sessions are dead already; this only keeps the table small. Called at each login. */
    public Uni<Void> purgeExpired(Instant now) {
        return pool.preparedQuery("DELETE FROM account_session WHERE expires_at <= ? LIMIT 1000")
                .execute(Tuple.of(utc(now))).replaceWithVoid();
    }
}
