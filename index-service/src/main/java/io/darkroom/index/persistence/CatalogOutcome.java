package io.darkroom.index.persistence;

import io.darkroom.events.DarkroomEvent;
import java.util.Optional;

/**
 * What a catalog change means for the rest of the pipeline: the event to announce (published after the commit,
 * before the incoming record is acknowledged) and what happened, for metrics.
 */
public record CatalogOutcome(Result result, DarkroomEvent announcement) {

    public enum Result {
        /** The item is catalogued (newly or again). */
        INDEXED,
        /** The item is recorded as failed. */
        FAILED,
        /** The event was applied without anything to announce. */
        APPLIED,
        /** Seen before, too old, or not about anything catalogued: nothing changed. */
        UNCHANGED,
        /** A move of a file the catalog does not know: index the destination like a discovery. */
        NEEDS_INDEXING
    }

    public static CatalogOutcome of(Result result) {
        return new CatalogOutcome(result, null);
    }

    public Optional<DarkroomEvent> toAnnounce() {
        return Optional.ofNullable(announcement);
    }
}
