package io.darkroom.index.metadata;

import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test JPEGs with the EXIF camera, exposure and GPS tags and an XMP packet that platform's {@link JpegFixtures}
 * does not write: a little-endian TIFF structure in an APP1 segment, and an XMP APP1 segment, put right after the
 * start-of-image marker of a generated JPEG.
 */
public final class ExifFixture {

    private final List<Entry> ifd0 = new ArrayList<>();
    private final List<Entry> exif = new ArrayList<>();
    private final List<Entry> gps = new ArrayList<>();
    private String xmp;

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    public ExifFixture make(String make) {
        ifd0.add(ascii(0x010F, make));
        return this;
    }

    public ExifFixture model(String model) {
        ifd0.add(ascii(0x0110, model));
        return this;
    }

    public ExifFixture orientation(int value) {
        ifd0.add(new Entry(0x0112, 3, 1, le(2).putShort((short) value).array()));
        return this;
    }

    public ExifFixture takenAt(String exifDateTime, String offset) {
        exif.add(ascii(0x9003, exifDateTime));
        if (offset != null) {
            exif.add(ascii(0x9011, offset));
        }
        return this;
    }

    public ExifFixture exposure(long numerator, long denominator, double fNumber, int iso, double focalLength) {
        exif.add(rationals(0x829A, numerator, denominator));
        exif.add(rationals(0x829D, Math.round(fNumber * 10), 10));
        exif.add(new Entry(0x8827, 3, 1, le(2).putShort((short) iso).array()));
        exif.add(rationals(0x920A, Math.round(focalLength * 10), 10));
        return this;
    }

    public ExifFixture lens(String lens) {
        exif.add(ascii(0xA434, lens));
        return this;
    }

    /** Decimal degrees written as degrees, minutes and hundredths of seconds; altitude in metres. */
    public ExifFixture gps(double latitude, double longitude, Double altitude) {
        gps.add(ascii(0x0001, latitude < 0 ? "S" : "N"));
        gps.add(degrees(0x0002, Math.abs(latitude)));
        gps.add(ascii(0x0003, longitude < 0 ? "W" : "E"));
        gps.add(degrees(0x0004, Math.abs(longitude)));
        if (altitude != null) {
            gps.add(new Entry(0x0005, 1, 1, new byte[] {(byte) (altitude < 0 ? 1 : 0), 0, 0, 0}));
            gps.add(rationals(0x0006, Math.round(Math.abs(altitude) * 100), 100));
        }
        return this;
    }

    public ExifFixture xmp(String rdfDescriptionBody) {
        this.xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">" + rdfDescriptionBody
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        return this;
    }

    public Path write(Path file, int width, int height) {
        byte[] jpeg = JpegFixtures.bytes(width, height, ExifData.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff()));
        if (xmp != null) {
            segment(out, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                    xmp.getBytes(StandardCharsets.UTF_8)));
        }
        out.write(jpeg, 2, jpeg.length - 2);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bare TIFF, as a DNG or NEF is built, with this EXIF and the size in IFD0 (no image data). */
    public Path writeTiff(Path file, int width, int height) {
        ifd0.add(new Entry(0x0100, 4, 1, le(4).putInt(width).array()));
        ifd0.add(new Entry(0x0101, 4, 1, le(4).putInt(height).array()));
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, tiff());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] tiff() {
        List<Entry> first = new ArrayList<>(ifd0);
        int exifPointer = first.size();
        first.add(new Entry(0x8769, 4, 1, new byte[4]));
        int gpsPointer = -1;
        if (!gps.isEmpty()) {
            gpsPointer = first.size();
            first.add(new Entry(0x8825, 4, 1, new byte[4]));
        }
        int ifd0Offset = 8;
        int exifOffset = ifd0Offset + size(first);
        int gpsOffset = exifOffset + size(exif);
        first.set(exifPointer, new Entry(0x8769, 4, 1, le(4).putInt(exifOffset).array()));
        if (gpsPointer >= 0) {
            first.set(gpsPointer, new Entry(0x8825, 4, 1, le(4).putInt(gpsOffset).array()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        out.writeBytes(ifd(first, ifd0Offset));
        out.writeBytes(ifd(exif, exifOffset));
        if (!gps.isEmpty()) {
            out.writeBytes(ifd(gps, gpsOffset));
        }
        return out.toByteArray();
    }

    private static int size(List<Entry> entries) {
        int data = 0;
        for (Entry e : entries) {
            data += e.value.length > 4 ? e.value.length + (e.value.length & 1) : 0;
        }
        return 2 + 12 * entries.size() + 4 + data;
    }

    private static byte[] ifd(List<Entry> unsorted, int offset) {
        List<Entry> entries = new ArrayList<>(unsorted);
        entries.sort((a, b) -> Integer.compare(a.tag, b.tag));
        ByteBuffer head = le(2 + 12 * entries.size() + 4);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int dataOffset = offset + 2 + 12 * entries.size() + 4;
        head.putShort((short) entries.size());
        for (Entry e : entries) {
            head.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
            if (e.value.length <= 4) {
                head.put(java.util.Arrays.copyOf(e.value, 4));
            } else {
                head.putInt(dataOffset + data.size());
                data.writeBytes(e.value);
                if ((e.value.length & 1) == 1) {
                    data.write(0);
                }
            }
        }
        head.putInt(0);
        return concat(head.array(), data.toByteArray());
    }

    private static Entry ascii(int tag, String text) {
        byte[] bytes = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Entry(tag, 2, bytes.length, bytes);
    }

    private static Entry rationals(int tag, long... values) {
        ByteBuffer buffer = le(4 * values.length);
        for (long v : values) {
            buffer.putInt((int) v);
        }
        return new Entry(tag, 5, values.length / 2, buffer.array());
    }

    private static Entry degrees(int tag, double value) {
        long degrees = (long) value;
        double minutesExact = (value - degrees) * 60;
        long minutes = (long) minutesExact;
        long hundredthSeconds = Math.round((minutesExact - minutes) * 60 * 100);
        return rationals(tag, degrees, 1, minutes, 1, hundredthSeconds, 100);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
