package io.darkroom.index.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When an item was captured and which evidence said so.
 *
 * @param instant the moment
 * @param source  the evidence that won
 * @param offset  the offset the file states for this time (EXIF OffsetTime, an XMP or Apple date with an offset;
 *                UTC for the QuickTime header), or null when the file does not say
 * @param local   the wall-clock time as the file states it (in the default zone when the file names none)
 */
public record TakenAt(Instant instant, TakenAtSource source, ZoneOffset offset, LocalDateTime local) {

    public TakenAt {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(source, "source");
    }

    public TakenAt(Instant instant, TakenAtSource source) {
        this(instant, source, null, null);
    }

    /** Whether the capture time came from the file's metadata rather than its name or modification time. */
    public boolean fromMetadata() {
        return source != TakenAtSource.FILE_NAME && source != TakenAtSource.FILE_MTIME;
    }

    /** Equality on instant and source only: the offset and the local time are derived from the same evidence. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TakenAt that && instant.equals(that.instant) && source == that.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(instant, source);
    }
}
