package io.darkroom.index.domain;

import io.darkroom.events.MediaKind;

/**
 * What the catalog records about an original that could be read. Width and height are the stored pixels;
 * {@link #displayedWidth()} and {@link #displayedHeight()} apply the EXIF orientation.
 */
public record MediaFacts(MediaKind kind, String mimeType, Integer width, Integer height, Integer orientation,
        Long durationMillis, TakenAt takenAt, MediaDetails details) {

    public MediaFacts {
        details = details == null ? MediaDetails.NONE : details;
    }

    public MediaFacts(MediaKind kind, String mimeType, Integer width, Integer height, Integer orientation,
            Long durationMillis, TakenAt takenAt) {
        this(kind, mimeType, width, height, orientation, durationMillis, takenAt, MediaDetails.NONE);
    }

    /** Orientations 5..8 turn the picture by 90°: the viewer sees height × width. */
    public boolean turnsSideways() {
        return orientation != null && orientation >= 5 && orientation <= 8;
    }

    public Integer displayedWidth() {
        return turnsSideways() ? height : width;
    }

    public Integer displayedHeight() {
        return turnsSideways() ? width : height;
    }
}
