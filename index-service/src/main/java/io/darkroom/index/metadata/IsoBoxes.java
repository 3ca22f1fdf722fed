package io.darkroom.index.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The image size of a HEIF/AVIF file from its {@code meta} box: the largest {@code ispe} (image spatial extent)
 * property, which is the primary image's (a grid), not its 512 px tiles or its thumbnail; and the orientation its
 * {@code irot}/{@code imir} properties give the primary image. Reads the top-level box headers and the
 * {@code meta} box only.
 */
final class IsoBoxes {

    private static final int MAX_META_BYTES = 4 << 20;

    private IsoBoxes() {
    }

    /** {width, height}, or null when the file has no readable {@code ispe}. */
    static Integer[] largestSpatialExtent(Path file) throws IOException {
        byte[] meta = metaBox(file);
        return meta == null ? null : scan(meta, meta.length);
    }

    /**
     * The EXIF orientation (1-8) that the primary image's transformative properties amount to: its {@code irot}
     * (anticlockwise quarter turns) and {@code imir} (mirror about the vertical or horizontal axis), applied in
     * the order its {@code ipma} entry associates them, as a HEIF decoder displays it. Null when the primary
     * item has neither, when they cancel out (an {@code irot} of 0), or when the {@code meta} box cannot be
     * followed.
     */
    static Integer heifOrientation(Path file) throws IOException {
        byte[] meta = metaBox(file);
        if (meta == null) {
            return null;
        }
        try {
            return orientation(ByteBuffer.wrap(meta));
        } catch (RuntimeException malformed) { // a box that claims more than its parent holds
            return null;
        }
    }

    /** The whole top-level {@code meta} box (header included, at most 4 MiB), or null when there is none. */
    private static byte[] metaBox(Path file) throws IOException {
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
                    return java.util.Arrays.copyOf(meta.array(), meta.position());
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

    /*
     * Display transforms as 2x2 matrices on pixel coordinates (x right, y down), indexed by EXIF orientation:
     * 2 mirror left-right, 3 half turn, 4 mirror top-bottom, 5 transpose, 6 quarter turn clockwise, 7 transverse,
     * 8 quarter turn anticlockwise.
     */
    private static final int[][] EXIF_TRANSFORMS = {
        null, {1, 0, 0, 1}, {-1, 0, 0, 1}, {-1, 0, 0, -1}, {1, 0, 0, -1},
        {0, 1, 1, 0}, {0, -1, 1, 0}, {0, -1, -1, 0}, {0, 1, -1, 0}};
    private static final int[] ANTICLOCKWISE = {0, 1, -1, 0};
    private static final int[] MIRROR_LEFT_RIGHT = {-1, 0, 0, 1};
    private static final int[] MIRROR_TOP_BOTTOM = {1, 0, 0, -1};

    /** {@code meta}: a full box holding {@code pitm} (the primary item) and {@code iprp} ({@code ipco} + {@code ipma}). */
    private static Integer orientation(ByteBuffer meta) {
        int end = meta.limit();
        meta.position(12); // size, 'meta', version and flags
        long primary = -1;
        java.util.List<ByteBuffer> properties = null;
        ByteBuffer associations = null;
        while (meta.position() + 8 <= end) {
            int start = meta.position();
            long size = Integer.toUnsignedLong(meta.getInt());
            String type = fourCc(meta.getInt());
            if (size < 8 || start + size > end) {
                return null;
            }
            ByteBuffer body = meta.slice(start + 8, (int) size - 8);
            if (type.equals("pitm")) {
                primary = body.get(0) == 0 ? Short.toUnsignedInt(body.getShort(4)) : Integer.toUnsignedLong(body.getInt(4));
            } else if (type.equals("iprp")) {
                for (ByteBuffer child : children(body)) {
                    String childType = fourCc(child.getInt(4));
                    if (childType.equals("ipco")) {
                        properties = children(child.slice(8, child.limit() - 8));
                    } else if (childType.equals("ipma")) {
                        associations = child;
                    }
                }
            }
            meta.position((int) (start + size));
        }
        if (primary < 0 || properties == null || associations == null) {
            return null;
        }
        int[] transform = {1, 0, 0, 1};
        boolean transformed = false;
        for (int index : associated(associations, primary)) {
            if (index < 1 || index > properties.size()) {
                continue;
            }
            ByteBuffer property = properties.get(index - 1);
            String type = fourCc(property.getInt(4));
            int value = property.limit() > 8 ? property.get(8) : 0;
            if (type.equals("irot")) {
                for (int turns = value & 3; turns > 0; turns--) {
                    transform = multiply(ANTICLOCKWISE, transform);
                }
                transformed = true;
            } else if (type.equals("imir")) {
                transform = multiply((value & 1) == 0 ? MIRROR_LEFT_RIGHT : MIRROR_TOP_BOTTOM, transform);
                transformed = true;
            }
        }
        if (!transformed || java.util.Arrays.equals(transform, EXIF_TRANSFORMS[1])) {
            return null; // nothing to apply (irot 0 is common): EXIF Orientation, if any, stands
        }
        for (int orientation = 2; orientation <= 8; orientation++) {
            if (java.util.Arrays.equals(EXIF_TRANSFORMS[orientation], transform)) {
                return orientation;
            }
        }
        return null;
    }

    /** The 1-based {@code ipco} indexes associated with an item, in their order. */
    private static java.util.List<Integer> associated(ByteBuffer ipma, long item) {
        int version = ipma.get(8);
        boolean wide = (ipma.get(11) & 1) != 0; // flags: 15-bit indexes
        int position = 12;
        long entries = Integer.toUnsignedLong(ipma.getInt(position));
        position += 4;
        for (long e = 0; e < entries; e++) {
            long id = version < 1 ? Short.toUnsignedInt(ipma.getShort(position)) : Integer.toUnsignedLong(ipma.getInt(position));
            position += version < 1 ? 2 : 4;
            int count = Byte.toUnsignedInt(ipma.get(position++));
            java.util.List<Integer> indexes = new java.util.ArrayList<>();
            for (int a = 0; a < count; a++) {
                indexes.add(wide ? ipma.getShort(position) & 0x7FFF : ipma.get(position) & 0x7F);
                position += wide ? 2 : 1;
            }
            if (id == item) {
                return indexes;
            }
        }
        return java.util.List.of();
    }

    /** The boxes in a container's body, each a buffer from its own header. */
    private static java.util.List<ByteBuffer> children(ByteBuffer body) {
        java.util.List<ByteBuffer> boxes = new java.util.ArrayList<>();
        int position = 0;
        while (position + 8 <= body.limit()) {
            long size = Integer.toUnsignedLong(body.getInt(position));
            if (size < 8 || position + size > body.limit()) {
                break;
            }
            boxes.add(body.slice(position, (int) size));
            position += (int) size;
        }
        return boxes;
    }

    /** a * b for 2x2 matrices stored row by row: b first, then a. */
    private static int[] multiply(int[] a, int[] b) {
        return new int[] {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
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
