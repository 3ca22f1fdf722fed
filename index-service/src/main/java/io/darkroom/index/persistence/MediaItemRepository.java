package io.darkroom.index.persistence;

import io.darkroom.events.FileLocation;
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
}
