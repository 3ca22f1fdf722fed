package io.darkroom.platform.testing;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The EXIF fields {@link JpegFixtures} writes. Every field is optional (null leaves the tag out).
 *
 * @param orientation       EXIF Orientation 1..8 (IFD0, tag 0x0112)
 * @param dateTimeOriginal  DateTimeOriginal (Exif IFD, 0x9003), local wall-clock time of the camera
 * @param subSecOriginal    SubSecTimeOriginal (0x9291): the fraction digits, e.g. {@code "123"}
 * @param offsetOriginal    OffsetTimeOriginal (0x9011), e.g. {@code +01:00}
 */
public record ExifData(Integer orientation, LocalDateTime dateTimeOriginal, String subSecOriginal,
        ZoneOffset offsetOriginal) {

    /** No EXIF segment at all. */
    public static final ExifData NONE = new ExifData(null, null, null, null);

    public ExifData {
        if (orientation != null && (orientation < 1 || orientation > 8)) {
            throw new IllegalArgumentException("EXIF orientation is 1..8: " + orientation);
        }
        if (subSecOriginal != null && !subSecOriginal.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("SubSecTimeOriginal is digits: " + subSecOriginal);
        }
    }

    public static ExifData takenAt(LocalDateTime dateTimeOriginal) {
        return new ExifData(null, dateTimeOriginal, null, null);
    }

    public ExifData withOrientation(int value) {
        return new ExifData(value, dateTimeOriginal, subSecOriginal, offsetOriginal);
    }

    public ExifData withSubSec(String digits) {
        return new ExifData(orientation, dateTimeOriginal, digits, offsetOriginal);
    }

    public ExifData withOffset(ZoneOffset offset) {
        return new ExifData(orientation, dateTimeOriginal, subSecOriginal, offset);
    }

    boolean isEmpty() {
        return orientation == null && dateTimeOriginal == null && subSecOriginal == null && offsetOriginal == null;
    }

    boolean hasExifIfd() {
        return dateTimeOriginal != null || subSecOriginal != null || offsetOriginal != null;
    }
}
