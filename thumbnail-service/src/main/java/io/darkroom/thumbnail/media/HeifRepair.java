package io.darkroom.thumbnail.media;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of a HEIF/AVIF whose item boxes FFmpeg 7.1 (JavaCV's) misreads, rewritten so that it reads them. libheif
 * reads all of these files; FFmpeg 7.1
 * <ul>
 * <li>pairs {@code iloc} entries with {@code iinf} entries by position, not by item ID: a file that lists its Exif
 * item first in one and last in the other has the Exif bytes decoded as its picture;</li>
 * <li>refuses an {@code ipma} association with property index 0, which ISO/IEC 23008-12 allows ("no
 * property");</li>
 * <li>refuses a {@code clap} (clean aperture) with half-pixel offsets, as phones write for an odd crop.</li>
 * </ul>
 * The repair puts the {@code iloc} entries in {@code iinf}'s order, drops index-0 associations (the {@code ipma}
 * box keeps its size and ends in zeros, which FFmpeg skips) and renames {@code clap} to {@code free}, so the crop
 * (a pixel in the files seen) is not applied. No box changes size and no offset moves: the media data is copied
 * as it is. The original is never touched.
 */
final class HeifRepair {

    /** A {@code meta} box larger than this is not repaired (an iPhone's is about 4 KB). */
    static final int MAX_META_BYTES = 1 << 20;

    private HeifRepair() {
    }

    /**
     * A repaired copy of {@code file} in the temporary folder, or empty when it has no {@code meta} box to repair
     * or nothing in it needs repair. The caller deletes the copy.
     */
    static Optional<Path> repairedCopy(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_META_BYTES + 64 * 1024);
        }
        Optional<byte[]> repaired = repairedHead(head);
        if (repaired.isEmpty()) {
            return Optional.empty();
        }
        Path copy = Files.createTempFile("darkroom-heif-", ".heif");
        try (OutputStream out = Files.newOutputStream(copy); InputStream in = Files.newInputStream(file)) {
            out.write(repaired.get());
            in.skipNBytes(head.length);
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return Optional.of(copy);
    }

    /** {@code head} (the file's first bytes) with the repairs, or empty when nothing needs or admits repair. */
    static Optional<byte[]> repairedHead(byte[] head) {
        byte[] bytes = head.clone();
        try {
            Box meta = topLevel(bytes, "meta");
            if (meta == null) {
                return Optional.empty();
            }
            List<Box> children = children(bytes, meta, 4);
            Box iinf = find(children, "iinf");
            Box iloc = find(children, "iloc");
            Box iprp = find(children, "iprp");
            boolean changed = false;
            if (iinf != null && iloc != null) {
                changed |= orderLocations(bytes, iloc, itemOrder(bytes, iinf));
            }
            if (iprp != null) {
                List<Box> properties = children(bytes, iprp, 0);
                Box ipco = find(properties, "ipco");
                Box ipma = find(properties, "ipma");
                if (ipco != null) {
                    changed |= renameCleanApertures(bytes, ipco);
                }
                if (ipma != null) {
                    changed |= dropEmptyAssociations(bytes, ipma);
                }
            }
            return changed ? Optional.of(bytes) : Optional.empty();
        } catch (MalformedBoxException e) {
            return Optional.empty(); // FFmpeg's failure stands
        }
    }

    /** A box: where it starts, where its payload starts and where it ends. */
    private record Box(String type, int start, int payload, int end) {
    }

    private static Box topLevel(byte[] bytes, String type) {
        int at = 0;
        while (at + 8 <= bytes.length) {
            Box box = box(bytes, at, bytes.length, true);
            if (box == null) {
                return null;
            }
            if (box.type().equals(type)) {
                if (box.end() > bytes.length || box.end() - box.start() > MAX_META_BYTES) {
                    return null;
                }
                return box;
            }
            at = box.end();
        }
        return null;
    }

    /** The box at {@code at}, or null where its header does not fit; with {@code open}, its end may lie beyond. */
    private static Box box(byte[] bytes, int at, int limit, boolean open) {
        if (at + 8 > limit) {
            return null;
        }
        long size = u32(bytes, at);
        String type = new String(bytes, at + 4, 4, ISO_8859_1);
        int header = 8;
        if (size == 1) {
            if (at + 16 > limit) {
                return null;
            }
            size = ((long) u32(bytes, at + 8) << 32) | u32(bytes, at + 12);
            header = 16;
        } else if (size == 0) {
            size = (long) limit - at;
        }
        if (size < header || (!open && at + size > limit) || at + size > Integer.MAX_VALUE) {
            return null;
        }
        return new Box(type, at, at + header, (int) (at + size));
    }

    /** The child boxes of {@code parent}, whose payload starts with {@code skip} bytes (4 for a full box). */
    private static List<Box> children(byte[] bytes, Box parent, int skip) {
        List<Box> boxes = new ArrayList<>();
        int at = parent.payload() + skip;
        while (at < parent.end()) {
            Box child = box(bytes, at, parent.end(), false);
            if (child == null) {
                throw new MalformedBoxException();
            }
            boxes.add(child);
            at = child.end();
        }
        return boxes;
    }

    private static Box find(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> b.type().equals(type)).findFirst().orElse(null);
    }

    /** The item IDs in {@code iinf}'s order. */
    private static List<Long> itemOrder(byte[] bytes, Box iinf) {
        int version = u8(bytes, iinf.payload(), iinf.end());
        List<Long> ids = new ArrayList<>();
        for (Box infe : children(bytes, iinf, version == 0 ? 6 : 8)) {
            if (infe.type().equals("infe")) {
                int infeVersion = u8(bytes, infe.payload(), infe.end());
                ids.add(infeVersion == 3 ? u32(bytes, checked(infe.payload() + 4, 4, infe.end()))
                        : u16(bytes, checked(infe.payload() + 4, 2, infe.end())));
            }
        }
        return ids;
    }

    /** Rewrites {@code iloc}'s entries in the order of {@code ids}; entries of other items keep theirs, last. */
    private static boolean orderLocations(byte[] bytes, Box iloc, List<Long> ids) {
        int end = iloc.end();
        int version = u8(bytes, iloc.payload(), end);
        if (version > 2) {
            throw new MalformedBoxException();
        }
        int sizes = u16(bytes, checked(iloc.payload() + 4, 2, end));
        int offsetSize = sizes >> 12;
        int lengthSize = (sizes >> 8) & 0xF;
        int baseOffsetSize = (sizes >> 4) & 0xF;
        int indexSize = version == 0 ? 0 : sizes & 0xF;
        int at = iloc.payload() + 6;
        long count = version < 2 ? u16(bytes, checked(at, 2, end)) : u32(bytes, checked(at, 4, end));
        at += version < 2 ? 2 : 4;
        int first = at;
        record Entry(long id, int start, int end) {
        }
        List<Entry> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int start = at;
            long id = version < 2 ? u16(bytes, checked(at, 2, end)) : u32(bytes, checked(at, 4, end));
            at += (version < 2 ? 2 : 4) + (version == 0 ? 0 : 2) + 2 + baseOffsetSize;
            int extents = u16(bytes, checked(at, 2, end));
            at += 2 + extents * (indexSize + offsetSize + lengthSize);
            checked(start, at - start, end);
            entries.add(new Entry(id, start, at));
        }
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            positions.put(ids.get(i), i);
        }
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt(e -> positions.getOrDefault(e.id(), ids.size())));
        if (ordered.equals(entries)) {
            return false;
        }
        byte[] rewritten = new byte[at - first];
        int to = 0;
        for (Entry entry : ordered) {
            System.arraycopy(bytes, entry.start(), rewritten, to, entry.end() - entry.start());
            to += entry.end() - entry.start();
        }
        System.arraycopy(rewritten, 0, bytes, first, rewritten.length);
        return true;
    }

    private static boolean renameCleanApertures(byte[] bytes, Box ipco) {
        boolean renamed = false;
        for (Box property : children(bytes, ipco, 0)) {
            if (property.type().equals("clap")) {
                System.arraycopy("free".getBytes(ISO_8859_1), 0, bytes,
                        property.start() + 4, 4);
                renamed = true;
            }
        }
        return renamed;
    }

    /** Drops associations with property index 0; the freed bytes at the box's end become zeros. */
    private static boolean dropEmptyAssociations(byte[] bytes, Box ipma) {
        int end = ipma.end();
        int version = u8(bytes, ipma.payload(), end);
        boolean wide = (u8(bytes, ipma.payload() + 3, end) & 1) == 1;
        int idSize = version < 1 ? 2 : 4;
        int at = ipma.payload() + 4;
        long count = u32(bytes, checked(at, 4, end));
        at += 4;
        byte[] rewritten = new byte[end - at];
        int to = 0;
        boolean dropped = false;
        for (long i = 0; i < count; i++) {
            checked(at, idSize + 1, end);
            System.arraycopy(bytes, at, rewritten, to, idSize);
            int countAt = to + idSize;
            to += idSize + 1;
            int associations = u8(bytes, at + idSize, end);
            at += idSize + 1;
            int kept = 0;
            for (int j = 0; j < associations; j++) {
                int width = wide ? 2 : 1;
                int value = wide ? u16(bytes, checked(at, 2, end)) : u8(bytes, at, end);
                int index = value & (wide ? 0x7FFF : 0x7F);
                if (index == 0) {
                    dropped = true;
                } else {
                    System.arraycopy(bytes, at, rewritten, to, width);
                    to += width;
                    kept++;
                }
                at += width;
            }
            rewritten[countAt] = (byte) kept;
        }
        if (!dropped) {
            return false;
        }
        int first = ipma.payload() + 8;
        Arrays.fill(bytes, first, end, (byte) 0);
        System.arraycopy(rewritten, 0, bytes, first, to);
        return true;
    }

    private static int checked(int at, int length, int end) {
        if (at < 0 || length < 0 || at + length > end) {
            throw new MalformedBoxException();
        }
        return at;
    }

    private static int u8(byte[] bytes, int at, int end) {
        return bytes[checked(at, 1, end)] & 0xFF;
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static long u32(byte[] bytes, int at) {
        return ((long) (bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    /** A box that does not fit its parent or its own fields: the file is left to FFmpeg's verdict. */
    private static final class MalformedBoxException extends RuntimeException {
        MalformedBoxException() {
            super(null, null, false, false);
        }
    }
}
