package io.darkroom.ingest.domain;

import io.darkroom.events.FileLocation;
import java.time.Instant;

/** What a scan learns from a file without reading it: where it is, its size and its modification time. */
public record FileStat(FileLocation location, long sizeBytes, Instant modifiedAt) {

    public boolean sameSizeAndTime(long otherSize, Instant otherModifiedAt) {
        return sizeBytes == otherSize && modifiedAt.equals(otherModifiedAt);
    }
}
