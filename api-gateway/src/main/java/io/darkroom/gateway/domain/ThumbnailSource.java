package io.darkroom.gateway.domain;

/** What the thumbnail endpoints need of a catalog item: its content, where the original is, and how to turn it. */
public record ThumbnailSource(
        long id,
        String contentHash,
        String status,
        String root,
        String relativePath,
        String kind,
        Integer orientation,
        Integer width,
        Integer height,
        String thumbnailStatus) {

    /** Only an indexed item has an original a worker can read. */
    public boolean indexed() {
        return "INDEXED".equals(status) && contentHash != null;
    }

    /** A sidecar (XMP and the like) or an item of unknown kind has no picture to make a size from. */
    public boolean pictured() {
        return kind != null && !"SIDECAR".equals(kind);
    }
}
