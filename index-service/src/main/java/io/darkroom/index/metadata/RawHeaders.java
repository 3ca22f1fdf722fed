package io.darkroom.index.metadata;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** RAW containers metadata-extractor does not open: Canon CR3's EXIF boxes and Fujifilm RAF's image size. */
final class RawHeaders {

    private static final int CR3_HEADER_BYTES = 256 << 10;

    private RawHeaders() {
    }

    /**
     * Adds a CR3's {@code CMT1} (IFD0), {@code CMT2} (EXIF) and {@code CMT4} (GPS) boxes, each a TIFF structure
     * inside the Canon {@code uuid} box at the start of the file, to {@code metadata}.
     */
    static void addCanonCr3(Path file, Metadata metadata) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(CR3_HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(head);
        for (int i = 4; i + 8 < head.length; i++) {
            if (head[i] != 'C' || head[i + 1] != 'M' || head[i + 2] != 'T' || head[i + 3] < '1' || head[i + 3] > '4') {
                continue;
            }
            int size = buffer.getInt(i - 4);
            if (size < 16 || i - 4 + size > head.length || head[i + 4] != head[i + 5]) {
                continue; // not a box, or not a TIFF header (II or MM)
            }
            byte[] tiff = new byte[size - 8];
            System.arraycopy(head, i + 4, tiff, 0, tiff.length);
            Metadata box = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), box, 0);
            ExifIFD0Directory ifd = box.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd == null) {
                continue;
            }
            switch (head[i + 3]) {
                case '1' -> metadata.addDirectory(ifd);
                case '2' -> metadata.addDirectory(copy(ifd, new ExifSubIFDDirectory()));
                case '4' -> metadata.addDirectory(copy(ifd, new GpsDirectory()));
                default -> {
                    // CMT3 holds the maker notes
                }
            }
            i += size - 5;
        }
    }

    private static <T extends Directory> T copy(Directory from, T to) {
        for (Tag tag : from.getTags()) {
            to.setObject(tag.getTagType(), from.getObject(tag.getTagType()));
        }
        return to;
    }

    /** A RAF's RawImageCroppedSize (0x111), else RawImageFullSize (0x100), from the header's directory: {width, height}. */
    static Integer[] fujiRafSize(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(0x70);
        }
        if (head.length < 0x70 || !new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("FUJIFILMCCD-RAW")) {
            return null;
        }
        long directory = Integer.toUnsignedLong(ByteBuffer.wrap(head).getInt(0x5C));
        byte[] entries;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(directory);
            entries = in.readNBytes(4096);
        }
        ByteBuffer dir = ByteBuffer.wrap(entries);
        if (entries.length < 4) {
            return null;
        }
        int count = dir.getInt();
        Integer[] full = null;
        for (int n = 0; n < count && n < 256 && dir.remaining() >= 4; n++) {
            int tag = Short.toUnsignedInt(dir.getShort());
            int length = Short.toUnsignedInt(dir.getShort());
            if (length > dir.remaining()) {
                break;
            }
            if ((tag == 0x100 || tag == 0x111) && length >= 4) {
                int height = Short.toUnsignedInt(dir.getShort(dir.position()));
                int width = Short.toUnsignedInt(dir.getShort(dir.position() + 2));
                if (width > 0 && height > 0) {
                    if (tag == 0x111) {
                        return new Integer[] {width, height}; // RawImageCroppedSize: the picture without borders
                    }
                    full = new Integer[] {width, height};
                }
            }
            dir.position(dir.position() + length);
        }
        return full;
    }
}
