package io.darkroom.index.domain;

/** Where an item's capture time came from, best first; stored in {@code media_item.taken_at_source}. */
public enum TakenAtSource {
    /** EXIF DateTimeOriginal or CreateDate (+ SubSecTime, OffsetTime). */
    EXIF,
    /** An XMP date (DateTimeOriginal, CreateDate, photoshop:DateCreated), embedded or from a sidecar. */
    XMP,
    /** Apple's QuickTime {@code com.apple.quicktime.creationdate}: local time with its offset. */
    APPLE_CREATION,
    /** The creation time in a QuickTime/MP4 movie header (UTC by the specification). */
    QUICKTIME,
    /** A date and time in the file name, e.g. {@code IMG_20191220_170832.jpg}. */
    FILE_NAME,
    /** The file's modification time: the last resort. */
    FILE_MTIME
}
