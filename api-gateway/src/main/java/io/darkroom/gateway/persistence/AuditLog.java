package io.darkroom.gateway.persistence;

import static io.darkroom.gateway.persistence.Rows.utc;

import io.darkroom.gateway.security.AuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Logins and admin actions ({@code audit_event}), also written to the log so that they reach the log shipper. The
 * action names are listed in docs/security.md.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.darkroom.audit");
    private static final int MAX_TARGET = 255;

    private final Pool pool;
    private final Clock clock;

    public AuditLog(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Void> record(String actor, String action, String target, String clientIp) {
        LOG.infof("%s by %s on %s from %s", action, actor == null ? "-" : actor, target == null ? "-" : target,
                clientIp);
        String clipped = target == null || target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET);
        return pool.preparedQuery("INSERT INTO audit_event (at, actor, action, target, client_ip) VALUES (?, ?, ?, ?, ?)")
                .execute(Tuple.of(utc(clock.instant()), actor, action, clipped, clientIp)).replaceWithVoid();
    }

    /** The newest entries first, before the entry {@code beforeId} when it is given (keyset paging). */
    public Uni<List<AuditEntry>> recent(int limit, Long beforeId) {
        return pool.preparedQuery("SELECT id, at, actor, action, target, client_ip FROM audit_event"
                        + " WHERE id < ? ORDER BY id DESC LIMIT ?")
                .execute(Tuple.of(beforeId == null ? Long.MAX_VALUE : beforeId, limit))
                .map(rows -> Rows.all(rows, row -> new AuditEntry(row.getLong("id"), Rows.instant(row, "at"),
                        row.getString("actor"), row.getString("action"), row.getString("target"),
                        row.getString("client_ip"))));
    }
}
