package io.darkroom.index.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MediaThumbnailRepository implements PanacheRepositoryBase<MediaThumbnailEntity, MediaThumbnailEntity.Key> {
}
