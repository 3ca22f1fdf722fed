package io.darkroom.index.domain;

import java.time.Instant;

/**
 * Everything a file says about its capture time, raw as read; any field may be null. The resolver tries them in
 * the order exiftool's reading of the corpus uses: EXIF DateTimeOriginal, XMP DateTimeOriginal, EXIF CreateDate,
 * XMP CreateDate, Apple's QuickTime CreationDate (local with offset), the QuickTime movie header (UTC), XMP
 * DateCreated, then the file name and the modification time.
 *
 * @param exifDateTimeOriginal EXIF DateTimeOriginal, {@code yyyy:MM:dd HH:mm:ss}
 * @param exifSubSecOriginal   EXIF SubSecTimeOriginal, fraction digits
 * @param exifOffsetOriginal   EXIF OffsetTimeOriginal, e.g. {@code +01:00}
 * @param quickTimeCreated     the movie header's creation time (UTC by the QuickTime specification)
 * @param xmpCreateDate        XMP {@code xmp:CreateDate} (ISO 8601, with or without offset)
 * @param fileName             the file name
 * @param fileModifiedAt       the file's modification time
 * @param xmpDateTimeOriginal  XMP {@code exif:DateTimeOriginal}
 * @param exifCreateDate       EXIF CreateDate (DateTimeDigitized), {@code yyyy:MM:dd HH:mm:ss}
 * @param exifSubSecCreate     EXIF SubSecTimeDigitized
 * @param exifOffsetCreate     EXIF OffsetTimeDigitized
 * @param appleCreationDate    QuickTime {@code com.apple.quicktime.creationdate}, local time with offset
 * @param xmpDateCreated       XMP {@code photoshop:DateCreated}
 */
public record TakenAtEvidence(
        String exifDateTimeOriginal,
        String exifSubSecOriginal,
        String exifOffsetOriginal,
        Instant quickTimeCreated,
        String xmpCreateDate,
        String fileName,
        Instant fileModifiedAt,
        String xmpDateTimeOriginal,
        String exifCreateDate,
        String exifSubSecCreate,
        String exifOffsetCreate,
        String appleCreationDate,
        String xmpDateCreated) {

    public TakenAtEvidence(String exifDateTimeOriginal, String exifSubSecOriginal, String exifOffsetOriginal,
            Instant quickTimeCreated, String xmpCreateDate, String fileName, Instant fileModifiedAt) {
        this(exifDateTimeOriginal, exifSubSecOriginal, exifOffsetOriginal, quickTimeCreated, xmpCreateDate, fileName,
                fileModifiedAt, null, null, null, null, null, null);
    }

    public static TakenAtEvidence fileOnly(String fileName, Instant fileModifiedAt) {
        return new TakenAtEvidence(null, null, null, null, null, fileName, fileModifiedAt);
    }
}
