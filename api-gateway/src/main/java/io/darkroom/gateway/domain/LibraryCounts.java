package io.darkroom.gateway.domain;

/** How far the library got: item counts by status and by derived-file stage. */
public record LibraryCounts(long items, long indexed, long failed, long missing, long thumbnailsDone,
        long transcodesDone, long transcodesPending) {
}
