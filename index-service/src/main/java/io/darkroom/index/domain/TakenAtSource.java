package io.darkroom.index.domain;

/** Where an item's capture time came from, best first; stored in {@code media_item.taken_at_source}. */
public enum TakenAtSource {
    /** EXIF DateTimeOriginal (+ SubSecTimeOriginal, OffsetTimeOriginal). */
    EXIF,
    /** The creation time in a QuickTime/MP4 movie header (always UTC). */
    QUICKTIME,
    /** An XMP creation date embedded in the file. */
    XMP,
    /** A date and time in the file name, e.g. {@code IMG_20191220_170832.jpg}. */
    FILE_NAME,
    /** The file's modification time: the last resort. */
    FILE_MTIME
}
