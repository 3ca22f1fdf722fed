package io.darkroom.index.persistence;

import io.darkroom.index.domain.OutOfReach;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The present items of a root whose current failure is that root's absence ({@link OutOfReach}): an INDEX failure
 * (status FAILED) or a thumbnail or transcode failure. A read-only query on the reactive pool, outside Hibernate: it
 * runs from a timer, with no message context for a session. V8's {@code idx_item_failure} keeps it a lookup.
 */
@ApplicationScoped
public class OutOfReachItems {

    private static final String QUERY = "SELECT id FROM media_item WHERE failure_kind = 'TRANSIENT' AND root = ?"
            + " AND id > ? AND failure_reason LIKE ? ESCAPE '!' AND status <> 'MISSING'"
            + " AND (status = 'FAILED' OR thumbnail_status = 'FAILED' OR transcode_status = 'FAILED')"
            + " ORDER BY id LIMIT ?";

    private final Pool pool;

    public OutOfReachItems(Pool pool) {
        this.pool = pool;
    }

    /** Ids of such items of {@code root} after {@code afterId}, ascending, at most {@code limit}. */
    public Uni<List<Long>> after(String root, long afterId, int limit) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(root, afterId, likePrefix(OutOfReach.reasonPrefix(root)),
                limit)).map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    /** {@code prefix%}, with LIKE's own characters in a root's name taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
