package io.darkroom.ingest.domain;

import java.time.Instant;

/** What was last published (and acknowledged) for a path. */
public record PublishedFile(long sizeBytes, Instant modifiedAt, String contentHash) {

    /** An unchanged file is only stat'ed, never read again. */
    public boolean matches(FileStat stat) {
        return stat.sameSizeAndTime(sizeBytes, modifiedAt);
    }
}
