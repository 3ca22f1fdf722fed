package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.security.Account;
import io.darkroom.gateway.security.CallerCache;
import io.darkroom.gateway.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code account} table (api-gateway's own, db/gateway). */
@ApplicationScoped
public class AccountRepository {

    private static final String COLUMNS = "id, username, password_hash, role, disabled, failed_logins, locked_until,"
            + " created_at";

    private final Pool pool;
    private final CallerCache callers;

    public AccountRepository(Pool pool, CallerCache callers) {
        this.pool = pool;
        this.callers = callers;
    }

    public Uni<Long> count() {
        return pool.query("SELECT COUNT(*) FROM account").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Inserts the account unless one of that name exists (two gateways starting at once); whether it did. */
    public Uni<Boolean> createIfAbsent(String username, String passwordHash, Role role, Instant now) {
        return pool.preparedQuery("INSERT IGNORE INTO account (username, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(username, passwordHash, role.name(), utc(now)))
                .map(result -> result.rowCount() == 1);
    }

    /** The new account's id, or empty when the name is taken. */
    public Uni<Optional<Long>> create(String username, String passwordHash, Role role, Instant now) {
        return pool.preparedQuery("INSERT IGNORE INTO account (username, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(username, passwordHash, role.name(), utc(now)))
                .map(result -> result.rowCount() == 1 ? Optional.of(Rows.insertedId(result)) : Optional.empty());
    }

    public Uni<Optional<Account>> findByUsername(String username) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM account WHERE username = ?")
                .execute(Tuple.of(username)).map(rows -> Rows.first(rows, AccountRepository::account));
    }

    public Uni<Optional<Account>> findById(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM account WHERE id = ?")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, AccountRepository::account));
    }

    public Uni<List<Account>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM account ORDER BY username").execute()
                .map(rows -> Rows.all(rows, AccountRepository::account));
    }

    public Uni<Boolean> update(long id, Role role, boolean disabled) {
        return pool.preparedQuery("UPDATE account SET role = ?, disabled = ? WHERE id = ?")
                .execute(Tuple.of(role.name(), disabled, id)).invoke(callers::forgetAll)
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> setPassword(long id, String passwordHash) {
        return pool.preparedQuery("UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = NULL"
                        + " WHERE id = ?")
                .execute(Tuple.of(passwordHash, id)).invoke(callers::forgetAll)
                .map(result -> result.rowCount() == 1);
    }

    public Uni<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM account WHERE id = ?").execute(Tuple.of(id))
                .invoke(callers::forgetAll).map(result -> result.rowCount() == 1);
    }

    /**
     * Counts a failed login and locks the account once the count reaches {@code maxFailures}; each failure past it
     * extends the lock. (The lock is assigned first: MariaDB evaluates SET left to right on updated values.)
     */
    public Uni<Void> recordFailure(long id, int maxFailures, Instant lockUntil) {
        return pool.preparedQuery("UPDATE account SET locked_until = IF(failed_logins + 1 >= ?, ?, locked_until),"
                        + " failed_logins = failed_logins + 1 WHERE id = ?")
                .execute(Tuple.of(maxFailures, utc(lockUntil), id)).replaceWithVoid();
    }

    public Uni<Void> recordSuccess(long id) {
        return pool.preparedQuery("UPDATE account SET failed_logins = 0, locked_until = NULL"
                        + " WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    private static Account account(Row row) {
        return new Account(row.getLong("id"), row.getString("username"), row.getString("password_hash"),
                Role.valueOf(row.getString("role")), row.getBoolean("disabled"), row.getInteger("failed_logins"),
                Rows.instant(row, "locked_until"), Rows.instant(row, "created_at"));
    }
}
