package io.darkroom.index.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The image size of a HEIF/AVIF file from its {@code meta} box: the largest {@code ispe} (image spatial extent)
 * property, which is the primary image's (a grid), not its 512 px tiles or its thumbnail. Reads the top-level box
 * headers and the {@code meta} box only.
 */
final class IsoBoxes {

    private static final int MAX_META_BYTES = 4 << 20;

    private IsoBoxes() {
    }

    /** {width, height}, or null when the file has no readable {@code ispe}. */
    static Integer[] largestSpatialExtent(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(16);
            for (int boxes = 0; boxes < 64 && position + 8 <= size; boxes++) {
                header.clear();
                channel.read(header, position);
                header.flip();
                if (header.remaining() < 8) {
                    return null;
                }
                long boxSize = Integer.toUnsignedLong(header.getInt());
                String type = fourCc(header.getInt());
                int headerLength = 8;
                if (boxSize == 1 && header.remaining() >= 8) {
                    boxSize = header.getLong();
                    headerLength = 16;
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                if (boxSize < headerLength) {
                    return null;
                }
                if (type.equals("meta")) {
                    int length = (int) Math.min(Math.min(boxSize, size - position), MAX_META_BYTES);
                    ByteBuffer meta = ByteBuffer.allocate(length);
                    channel.read(meta, position);
                    return scan(meta.array(), length);
                }
                position += boxSize;
            }
            return null;
        }
    }

    /**
     * A defect of an ISO base media file (HEIF, AVIF, MP4, QuickTime) that its top-level boxes show: a box that
     * claims more bytes than the file has (the file was cut off, e.g. a HEIC copied in half), or, for a movie,
     * no movie box ({@code moov}) at all. Empty when the top level is whole.
     */
    static java.util.Optional<String> problem(Path file, boolean movie) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            boolean moov = false;
            ByteBuffer header = ByteBuffer.allocate(16);
            for (int boxes = 0; position < size; boxes++) {
                if (boxes >= 4096) {
                    return java.util.Optional.empty(); // not worth walking further: no verdict
                }
                header.clear();
                channel.read(header, position);
                header.flip();
                if (header.remaining() < 8) {
                    return java.util.Optional.of("the file is truncated: it ends inside a box header");
                }
                long boxSize = Integer.toUnsignedLong(header.getInt());
                String type = fourCc(header.getInt());
                if (boxSize == 1) {
                    if (header.remaining() < 8) {
                        return java.util.Optional.of("the file is truncated: it ends inside a box header");
                    }
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    boxSize = size - position; // to the end of the file, by definition
                }
                if (boxSize < 8) {
                    return java.util.Optional.of("its box structure is broken (a '" + printable(type) + "' box of "
                            + boxSize + " bytes)");
                }
                moov |= type.equals("moov");
                if (position + boxSize > size) {
                    return java.util.Optional.of("the file is truncated: its '" + printable(type) + "' box needs "
                            + (position + boxSize) + " bytes, the file has " + size);
                }
                position += boxSize;
            }
            return movie && !moov ? java.util.Optional.of("it has no movie box ('moov'): the recording was not finished")
                    : java.util.Optional.empty();
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "?";
    }

    private static Integer[] scan(byte[] bytes, int length) {
        Integer[] best = null;
        for (int i = 4; i + 16 <= length; i++) {
            if (bytes[i] == 'i' && bytes[i + 1] == 's' && bytes[i + 2] == 'p' && bytes[i + 3] == 'e') {
                ByteBuffer box = ByteBuffer.wrap(bytes, i - 4, 20 <= length - i + 4 ? 20 : length - i + 4);
                long boxSize = Integer.toUnsignedLong(box.getInt());
                if (boxSize != 20) {
                    continue;
                }
                box.getInt(); // 'ispe'
                box.getInt(); // version and flags
                long width = Integer.toUnsignedLong(box.getInt());
                long height = Integer.toUnsignedLong(box.getInt());
                if (width > 0 && height > 0 && width < 1 << 20 && height < 1 << 20
                        && (best == null || width * height > (long) best[0] * best[1])) {
                    best = new Integer[] {(int) width, (int) height};
                }
            }
        }
        return best;
    }

    private static String fourCc(int value) {
        return new String(new char[] {(char) (value >>> 24 & 0xFF), (char) (value >>> 16 & 0xFF),
                (char) (value >>> 8 & 0xFF), (char) (value & 0xFF)});
    }
}
