package io.darkroom.index.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One derived thumbnail of a content: {@code media_thumbnail}. */
@Entity
@Table(name = "media_thumbnail")
@IdClass(MediaThumbnailEntity.Key.class)
public class MediaThumbnailEntity extends PanacheEntityBase {

    @Id
    @Column(name = "content_hash")
    public String contentHash;

    @Id
    @Column(name = "size_name")
    public String sizeName;

    public int width;

    public int height;

    public String format;

    @Column(name = "storage_path")
    public String storagePath;

    /** The composite primary key. */
    public static class Key implements Serializable {

        public String contentHash;
        public String sizeName;

        public Key() {
        }

        public Key(String contentHash, String sizeName) {
            this.contentHash = contentHash;
            this.sizeName = sizeName;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contentHash, k.contentHash)
                    && Objects.equals(sizeName, k.sizeName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contentHash, sizeName);
        }
    }
}
