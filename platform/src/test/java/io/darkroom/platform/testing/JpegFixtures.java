package io.darkroom.platform.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Test images made on the spot, so a suite runs on a fresh clone: real JPEGs (javax.imageio) with an EXIF
 * APP1 segment written by hand, an empty file, a truncated JPEG and a JPEG-looking file full of noise.
 */
public final class JpegFixtures {

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_DATE_TIME_ORIGINAL = 0x9003;
    private static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    private static final int TAG_SUB_SEC_TIME_ORIGINAL = 0x9291;
    private static final short TYPE_ASCII = 2;
    private static final short TYPE_SHORT = 3;
    private static final short TYPE_LONG = 4;

    private JpegFixtures() {
    }

    /** Writes a {@code width}×{@code height} JPEG with {@code exif} (creating parent folders) and returns the file. */
    public static Path write(Path file, int width, int height, ExifData exif) {
        return writeBytes(file, bytes(width, height, exif));
    }

    /** The bytes of a {@code width}×{@code height} JPEG carrying {@code exif}. */
    public static byte[] bytes(int width, int height, ExifData exif) {
        byte[] plain = encode(width, height);
        if (exif == null || exif.isEmpty()) {
            return plain;
        }
        return withApp1(plain, exifSegment(exif));
    }

    /** Writes a zero-byte file. */
    public static Path writeEmpty(Path file) {
        return writeBytes(file, new byte[0]);
    }

    /** Writes a JPEG cut in the middle of its compressed data: valid headers, no end-of-image marker. */
    public static Path writeTruncated(Path file, int width, int height, ExifData exif) {
        byte[] whole = bytes(width, height, exif);
        int scan = startOfScan(whole);
        int cut = scan + (whole.length - scan) / 2;
        return writeBytes(file, Arrays.copyOf(whole, cut));
    }

    /** Writes a file that starts with the JPEG signature and continues with {@code size} bytes of noise. */
    public static Path writeCorrupt(Path file, int size, long seed) {
        byte[] noise = new byte[size];
        new Random(seed).nextBytes(noise);
        byte[] bytes = new byte[noise.length + 4];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        System.arraycopy(noise, 0, bytes, 4, noise.length);
        return writeBytes(file, bytes);
    }

    private static Path writeBytes(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A JPEG is at least 1×1: " + width + "×" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 140), width, height, new Color(240, 180, 40)));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            // A mark in the top-left corner, so a rotated rendition is visibly rotated.
            g.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 8));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("This Java runtime has no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Puts the APP1 segment right after SOI, where cameras put it, dropping ImageIO's JFIF APP0. */
    private static byte[] withApp1(byte[] jpeg, byte[] app1) {
        int rest = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            rest = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + app1.length);
        out.write(jpeg, 0, 2);
        out.write(app1, 0, app1.length);
        out.write(jpeg, rest, jpeg.length - rest);
        return out.toByteArray();
    }

    private static int startOfScan(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new IllegalStateException("Not a marker at " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xDA) {
                return at + 2 + length;
            }
            at += 2 + length;
        }
        throw new IllegalStateException("No start-of-scan marker");
    }

    /** APP1: "Exif\0\0", a big-endian TIFF header, IFD0 (Orientation, ExifIFD pointer) and the Exif IFD. */
    static byte[] exifSegment(ExifData exif) {
        List<Entry> ifd0 = new ArrayList<>();
        if (exif.orientation() != null) {
            ifd0.add(Entry.shortValue(TAG_ORIENTATION, exif.orientation()));
        }
        List<Entry> exifIfd = new ArrayList<>();
        if (exif.dateTimeOriginal() != null) {
            exifIfd.add(Entry.ascii(TAG_DATE_TIME_ORIGINAL, EXIF_DATE.format(exif.dateTimeOriginal())));
        }
        if (exif.offsetOriginal() != null) {
            String id = exif.offsetOriginal().getId();
            exifIfd.add(Entry.ascii(TAG_OFFSET_TIME_ORIGINAL, "Z".equals(id) ? "+00:00" : id));
        }
        if (exif.subSecOriginal() != null) {
            exifIfd.add(Entry.ascii(TAG_SUB_SEC_TIME_ORIGINAL, exif.subSecOriginal()));
        }
        if (exif.hasExifIfd()) {
            ifd0.add(Entry.longValue(TAG_EXIF_IFD, 0)); // offset patched below
        }
        ifd0.sort(Comparator.comparingInt(Entry::tag));
        exifIfd.sort(Comparator.comparingInt(Entry::tag));

        int ifd0Offset = 8;
        int exifIfdOffset = ifd0Offset + ifdSize(ifd0);
        int dataOffset = exifIfdOffset + (exifIfd.isEmpty() ? 0 : ifdSize(exifIfd));
        int dataSize = 0;
        for (Entry entry : concat(ifd0, exifIfd)) {
            dataSize += entry.outOfLineSize();
        }
        ByteBuffer tiff = ByteBuffer.allocate(dataOffset + dataSize).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0Offset);

        int[] nextData = {dataOffset};
        writeIfd(tiff, ifd0, nextData, exifIfdOffset);
        if (!exifIfd.isEmpty()) {
            writeIfd(tiff, exifIfd, nextData, exifIfdOffset);
        }

        byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + header.length + tiff.capacity();
        if (length > 0xFFFF) {
            throw new IllegalStateException("EXIF segment too long");
        }
        ByteBuffer segment = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(header).put(tiff.array());
        return segment.array();
    }

    private static List<Entry> concat(List<Entry> a, List<Entry> b) {
        List<Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int ifdSize(List<Entry> entries) {
        return 2 + 12 * entries.size() + 4;
    }

    private static void writeIfd(ByteBuffer tiff, List<Entry> entries, int[] nextData, int exifIfdOffset) {
        tiff.putShort((short) entries.size());
        for (Entry entry : entries) {
            tiff.putShort((short) entry.tag()).putShort(entry.type()).putInt(entry.count());
            if (entry.tag() == TAG_EXIF_IFD) {
                tiff.putInt(exifIfdOffset);
            } else if (entry.outOfLineSize() == 0) {
                byte[] inline = Arrays.copyOf(entry.value(), 4);
                tiff.put(inline);
            } else {
                int at = nextData[0];
                tiff.putInt(at);
                int mark = tiff.position();
                tiff.position(at);
                tiff.put(entry.value());
                tiff.position(mark);
                nextData[0] = at + entry.outOfLineSize();
            }
        }
        tiff.putInt(0); // no next IFD
    }

    private record Entry(int tag, short type, int count, byte[] value) {

        static Entry shortValue(int tag, int value) {
            return new Entry(tag, TYPE_SHORT, 1, new byte[] {(byte) (value >> 8), (byte) value});
        }

        static Entry longValue(int tag, int value) {
            return new Entry(tag, TYPE_LONG, 1, ByteBuffer.allocate(4).putInt(value).array());
        }

        static Entry ascii(int tag, String text) {
            byte[] chars = (text + "\0").getBytes(StandardCharsets.US_ASCII);
            return new Entry(tag, TYPE_ASCII, chars.length, chars);
        }

        /** Bytes stored after the IFDs (values over 4 bytes), padded to an even length. */
        int outOfLineSize() {
            return value.length <= 4 ? 0 : value.length + (value.length % 2);
        }
    }
}
