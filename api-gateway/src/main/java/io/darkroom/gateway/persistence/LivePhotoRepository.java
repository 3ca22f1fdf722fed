package io.darkroom.gateway.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A Live Photo's halves. index-service stacks the motion video with its still (same {@code group_key}), marks it
 * kind LIVE_PHOTO and hides it from the timeline ({@code stack_primary = FALSE}); the gallery plays it over the still.
 */
@ApplicationScoped
public class LivePhotoRepository {

    private final Pool pool;

    public LivePhotoRepository(Pool pool) {
        this.pool = pool;
    }

    /** The id of the still's motion half, where one is catalogued and readable (an idx_item_group lookup). */
    public Uni<Optional<Long>> motionOf(long stillId) {
        return pool.preparedQuery("SELECT m.id FROM media_item s JOIN media_item m ON m.group_key = s.group_key"
                        + " AND m.id <> s.id WHERE s.id = ? AND s.kind = 'IMAGE' AND m.kind = 'LIVE_PHOTO'"
                        + " AND m.status = 'INDEXED' ORDER BY m.id LIMIT 1")
                .execute(Tuple.of(stillId))
                .map(rows -> Rows.first(rows, row -> row.getLong(0)));
    }
}
