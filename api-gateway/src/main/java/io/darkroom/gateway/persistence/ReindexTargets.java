package io.darkroom.gateway.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The items an admin's re-index names: which of the given ids exist, and which items failed somewhere. */
@ApplicationScoped
public class ReindexTargets {

    private final Pool pool;

    public ReindexTargets(Pool pool) {
        this.pool = pool;
    }

    /** The ids among these that the catalog has (in any status). */
    public Uni<Set<Long>> known(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        return pool.preparedQuery("SELECT id FROM media_item WHERE id IN (" + marks + ")")
                .execute(Tuple.from(new ArrayList<Object>(ids)))
                .map(rows -> {
                    Set<Long> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getLong(0)));
                    return found;
                });
    }

    /**
     * Every present item whose indexing, thumbnails or transcode failed, oldest first. Missing items are left out:
     * there is no file to read again.
     */
    public Uni<List<Long>> failed() {
        return pool.query("SELECT id FROM media_item WHERE status <> 'MISSING' AND (status = 'FAILED'"
                        + " OR thumbnail_status = 'FAILED' OR transcode_status = 'FAILED') ORDER BY id")
                .execute()
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }
}
