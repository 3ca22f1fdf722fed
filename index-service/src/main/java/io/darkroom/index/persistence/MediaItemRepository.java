package io.darkroom.index.persistence;

import io.darkroom.events.FileLocation;
import io.darkroom.index.domain.ItemStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class MediaItemRepository implements PanacheRepositoryBase<MediaItemEntity, Long> {

    public Uni<MediaItemEntity> findByLocation(FileLocation location) {
        return find("locationHash", LocationHash.of(location)).firstResult();
    }

    public Uni<List<MediaItemEntity>> listByContent(String contentHash) {
        return list("contentHash", contentHash);
    }

    /** The present members of a stack, first catalogued first. */
    public Uni<List<MediaItemEntity>> listStack(String groupKey) {
        return list("groupKey = ?1 and status <> ?2 order by id", groupKey, ItemStatus.MISSING.name());
    }

    /** Present items of a root that carry an Apple ContentIdentifier: a Live Photo's halves. */
    public Uni<List<MediaItemEntity>> listByContentIdentifier(String root, String contentIdentifier) {
        return list("root = ?1 and contentIdentifier = ?2 and status <> ?3 order by id", root, contentIdentifier,
                ItemStatus.MISSING.name());
    }
}
