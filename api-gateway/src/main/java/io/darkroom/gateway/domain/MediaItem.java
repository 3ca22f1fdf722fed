package io.darkroom.gateway.domain;

import java.time.Instant;

/** One catalog item as the API reads it. Optional fields are null until the stage that fills them ran. */
public record MediaItem(
        long id,
        String root,
        String relativePath,
        String fileName,
        String contentHash,
        String status,
        String kind,
        String mimeType,
        Integer width,
        Integer height,
        Integer orientation,
        Instant takenAt,
        String takenAtSource,
        String takenAtZone,
        boolean favourite,
        Long durationMs,
        Failure failure,
        String thumbnailStatus,
        String transcodeStatus) {

    /** Why an item could not be processed; null on items that did not fail. */
    public record Failure(String stage, String kind, String reason) {
    }

    public TimelineCursor cursor() {
        return new TimelineCursor(takenAt, id);
    }
}
