package io.darkroom.index.domain;

import java.time.Instant;

/**
 * Everything a file says about its capture time, raw as read; any field may be null.
 *
 * @param exifDateTimeOriginal EXIF DateTimeOriginal, {@code yyyy:MM:dd HH:mm:ss}
 * @param exifSubSecOriginal   EXIF SubSecTimeOriginal, fraction digits
 * @param exifOffsetOriginal   EXIF OffsetTimeOriginal, e.g. {@code +01:00}
 * @param quickTimeCreated     the movie header's creation time
 * @param xmpCreateDate        an XMP date (ISO 8601, with or without offset)
 * @param fileName             the file name
 * @param fileModifiedAt       the file's modification time
 */
public record TakenAtEvidence(
        String exifDateTimeOriginal,
        String exifSubSecOriginal,
        String exifOffsetOriginal,
        Instant quickTimeCreated,
        String xmpCreateDate,
        String fileName,
        Instant fileModifiedAt) {

    public static TakenAtEvidence fileOnly(String fileName, Instant fileModifiedAt) {
        return new TakenAtEvidence(null, null, null, null, null, fileName, fileModifiedAt);
    }
}
