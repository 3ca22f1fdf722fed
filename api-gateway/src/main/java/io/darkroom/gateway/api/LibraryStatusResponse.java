package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.LibraryCounts;

/** Catalog counts; the launcher's progress line reads these exact names. */
public record LibraryStatusResponse(long items, long indexed, long failed, long missing, long thumbnailsDone,
        long transcodesDone, long transcodesPending) {

    public static LibraryStatusResponse from(LibraryCounts c) {
        return new LibraryStatusResponse(c.items(), c.indexed(), c.failed(), c.missing(), c.thumbnailsDone(),
                c.transcodesDone(), c.transcodesPending());
    }
}
