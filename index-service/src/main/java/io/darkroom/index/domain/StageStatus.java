package io.darkroom.index.domain;

/** {@code media_item.thumbnail_status} and {@code transcode_status}; NULL in the table when a stage does not apply. */
public enum StageStatus {
    PENDING,
    DONE,
    FAILED;

    /**
     * The status after the item was (re)indexed: derived files that exist for unchanged content stay done,
     * anything else waits for its worker again.
     */
    public static StageStatus afterIndexing(StageStatus current, boolean contentChanged) {
        return current == DONE && !contentChanged ? DONE : PENDING;
    }
}
