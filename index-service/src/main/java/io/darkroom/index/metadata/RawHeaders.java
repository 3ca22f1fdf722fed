package io.darkroom.index.metadata;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * RAW containers metadata-extractor does not open: Canon CR3's EXIF boxes, Fujifilm RAF's image size, and the
 * older Canon CRW (CIFF), Minolta MRW and Sigma X3F containers.
 */
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

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    /** The most a container's directories and embedded TIFF may take: RAW headers are a few KiB. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * Reads a Canon CRW, Minolta MRW or Sigma X3F container (recognised by its signature) into {@code metadata}
     * as EXIF directories, and returns its image size {width, height}; null when the file is none of these.
     */
    static Integer[] addOlderRaw(Path file, Metadata metadata) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(channel, 0, 16);
            if (head.remaining() < 16) {
                return null;
            }
            String signature = new String(head.array(), 0, 14, StandardCharsets.ISO_8859_1);
            if (signature.startsWith("II") && signature.substring(6, 14).equals("HEAPCCDR")) {
                return canonCrw(channel, head.order(ByteOrder.LITTLE_ENDIAN).getInt(2), metadata);
            }
            if (signature.startsWith("\0MRM")) {
                return minoltaMrw(channel, Integer.toUnsignedLong(head.getInt(4)), metadata);
            }
            if (signature.startsWith("FOVb")) {
                return sigmaX3f(channel, metadata);
            }
            return null;
        }
    }

    /**
     * Canon CIFF: a heap of records whose directory sits at the heap's end; records of type 0x2800/0x3000 are
     * heaps themselves. Make and model (0x080a), image size and rotation (0x1810), capture time (0x180e).
     */
    private static Integer[] canonCrw(FileChannel channel, int headerLength, Metadata metadata) throws IOException {
        ExifIFD0Directory ifd0 = new ExifIFD0Directory();
        ExifSubIFDDirectory exif = new ExifSubIFDDirectory();
        Integer[] size = new Integer[2];
        crwHeap(channel, headerLength, channel.size() - headerLength, 0, ifd0, exif, size);
        metadata.addDirectory(ifd0);
        metadata.addDirectory(exif);
        return size[0] != null ? size : null;
    }

    private static void crwHeap(FileChannel channel, long start, long length, int depth, ExifIFD0Directory ifd0,
            ExifSubIFDDirectory exif, Integer[] size) throws IOException {
        if (depth > 4 || length < 6) {
            return;
        }
        long table = start + Integer.toUnsignedLong(read(channel, start + length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        ByteBuffer count = read(channel, table, 2).order(ByteOrder.LITTLE_ENDIAN);
        if (count.remaining() < 2) {
            return;
        }
        int entries = Math.min(Short.toUnsignedInt(count.getShort()), 512);
        ByteBuffer records = read(channel, table + 2, entries * 10).order(ByteOrder.LITTLE_ENDIAN);
        while (records.remaining() >= 10) {
            int tag = Short.toUnsignedInt(records.getShort());
            long recordSize = Integer.toUnsignedLong(records.getInt());
            long offset = Integer.toUnsignedLong(records.getInt());
            int type = tag & 0x3800;
            if ((tag & 0xC000) == 0 && (type == 0x2800 || type == 0x3000)) {
                crwHeap(channel, start + offset, recordSize, depth + 1, ifd0, exif, size);
            } else if ((tag & 0xC000) == 0 && recordSize <= 4096) {
                ByteBuffer value = read(channel, start + offset, (int) recordSize).order(ByteOrder.LITTLE_ENDIAN);
                switch (tag & 0x3FFF) {
                    case 0x080A -> {
                        String[] makeModel = new String(value.array(), 0, value.remaining(), StandardCharsets.ISO_8859_1).split("\0");
                        if (makeModel.length >= 2) {
                            ifd0.setString(ExifIFD0Directory.TAG_MAKE, makeModel[0]);
                            ifd0.setString(ExifIFD0Directory.TAG_MODEL, makeModel[1]);
                        }
                    }
                    case 0x1810 -> {
                        if (value.remaining() >= 16) {
                            size[0] = value.getInt(0);
                            size[1] = value.getInt(4);
                            int orientation = switch (value.getInt(12)) {
                                case 90 -> 6;
                                case 180 -> 3;
                                case 270 -> 8;
                                default -> 0; // 0: as stored, which CRW does not state as an EXIF orientation
                            };
                            if (orientation != 0) {
                                ifd0.setInt(ExifIFD0Directory.TAG_ORIENTATION, orientation);
                            }
                        }
                    }
                    case 0x180E -> {
                        if (value.remaining() >= 4) {
                            // seconds since 1970 of the camera's wall clock, not UTC
                            LocalDateTime local = LocalDateTime.ofEpochSecond(Integer.toUnsignedLong(value.getInt(0)), 0, ZoneOffset.UTC);
                            exif.setString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, EXIF_DATE.format(local));
                        }
                    }
                    default -> {
                        // the rest (white balance, firmware, ...) Darkroom does not keep
                    }
                }
            }
        }
    }

    /** Minolta MRW: blocks after an {@code \0MRM} header; {@code \0PRD} holds the image size, {@code \0TTW} a TIFF. */
    private static Integer[] minoltaMrw(FileChannel channel, long headerLength, Metadata metadata) throws IOException {
        Integer[] size = null;
        long position = 8;
        while (position + 8 <= Math.min(8 + headerLength, MAX_HEADER_BYTES)) {
            ByteBuffer block = read(channel, position, 8);
            if (block.remaining() < 8) {
                break;
            }
            String id = new String(block.array(), 0, 4, StandardCharsets.ISO_8859_1);
            long length = Integer.toUnsignedLong(block.getInt(4));
            if (id.equals("\0PRD") && length >= 16) {
                ByteBuffer prd = read(channel, position + 8, 16);
                size = new Integer[] {Short.toUnsignedInt(prd.getShort(14)), Short.toUnsignedInt(prd.getShort(12))};
            } else if (id.equals("\0TTW") && length <= MAX_HEADER_BYTES) {
                ByteBuffer tiff = read(channel, position + 8, (int) length);
                new ExifReader().extract(new ByteArrayReader(tiff.array()), metadata, 0);
            }
            position += 8 + length;
        }
        return size;
    }

    /**
     * Sigma X3F: the image size in the header (columns at 0x1C, rows at 0x20, little-endian); the EXIF in the
     * JPEG preview that the section directory at the file's end lists (an {@code IMA2}/{@code IMAG} section of
     * format 18).
     */
    private static Integer[] sigmaX3f(FileChannel channel, Metadata metadata) throws IOException {
        ByteBuffer header = read(channel, 0, 0x28).order(ByteOrder.LITTLE_ENDIAN);
        Integer[] size = header.remaining() >= 0x24 && header.getInt(0x1C) > 0 && header.getInt(0x20) > 0
                ? new Integer[] {header.getInt(0x1C), header.getInt(0x20)} : null;
        long directory = Integer.toUnsignedLong(read(channel, channel.size() - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        ByteBuffer dir = read(channel, directory, 12).order(ByteOrder.LITTLE_ENDIAN);
        if (dir.remaining() < 12 || dir.getInt(0) != 0x64434553) { // "SECd"
            return size;
        }
        int count = Math.min(dir.getInt(8), 64);
        ByteBuffer entries = read(channel, directory + 12, count * 12).order(ByteOrder.LITTLE_ENDIAN);
        while (entries.remaining() >= 12) {
            long offset = Integer.toUnsignedLong(entries.getInt());
            long length = Integer.toUnsignedLong(entries.getInt());
            String type = new String(new byte[] {entries.get(), entries.get(), entries.get(), entries.get()}, StandardCharsets.ISO_8859_1);
            if ((type.equals("IMA2") || type.equals("IMAG")) && length > 28) {
                ByteBuffer section = read(channel, offset, 28).order(ByteOrder.LITTLE_ENDIAN);
                if (section.remaining() == 28 && section.getInt(12) == 18) { // JPEG
                    try (InputStream jpeg = new CappedInputStream(Channels.newInputStream(channel.position(offset + 28)),
                            Math.min(length - 28, MAX_HEADER_BYTES))) {
                        Metadata preview = JpegMetadataReader.readMetadata(jpeg, List.of(new ExifReader()));
                        preview.getDirectories().forEach(metadata::addDirectory);
                        return size;
                    } catch (JpegProcessingException | CappedInputStream.LimitExceeded e) {
                        return size; // a damaged preview: the header's facts remain
                    }
                }
            }
        }
        return size;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        while (buffer.hasRemaining() && position >= 0 && position + buffer.position() < channel.size()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
