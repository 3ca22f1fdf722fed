package io.darkroom.index.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test QuickTime/MP4 files: an {@code ftyp} box, a movie box with one video track (track header with size and
 * rotation matrix, media header, handler, sample description, time-to-sample table), optional user data
 * ({@code ©xyz}) and Apple's metadata keys (a ContentIdentifier), and a small {@code mdat}. No decodable frames:
 * only what a metadata reader looks at.
 */
public final class MovieFixture {

    private String brand = "qt  ";
    private int width = 1920;
    private int height = 1080;
    private int rotation;
    private int timescale = 600;
    private int durationUnits = 1800; // 3 s
    private int frames = 90;
    private String codec = "hvc1";
    private long createdSince1904 = 3_786_912_000L; // 2024-01-01T00:00:00Z
    private String iso6709;
    private String contentIdentifier;

    public MovieFixture brand(String fourCc) {
        this.brand = fourCc;
        return this;
    }

    public MovieFixture size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** Degrees clockwise the player turns the picture: 0, 90, 180 or 270. */
    public MovieFixture rotation(int degrees) {
        this.rotation = degrees;
        return this;
    }

    public MovieFixture duration(int timescale, int units, int frames) {
        this.timescale = timescale;
        this.durationUnits = units;
        this.frames = frames;
        return this;
    }

    public MovieFixture codec(String fourCc) {
        this.codec = fourCc;
        return this;
    }

    public MovieFixture location(String iso6709) {
        this.iso6709 = iso6709;
        return this;
    }

    public MovieFixture contentIdentifier(String identifier) {
        this.contentIdentifier = identifier;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", concat(ascii(brand), u32(0), ascii(brand))));
        ByteArrayOutputStream moov = new ByteArrayOutputStream();
        moov.writeBytes(box("mvhd", concat(u32(0), u32(createdSince1904), u32(createdSince1904), u32(timescale),
                u32(durationUnits), new byte[80])));
        moov.writeBytes(box("trak", concat(trackHeader(), box("mdia", concat(
                box("mdhd", concat(u32(0), u32(createdSince1904), u32(createdSince1904), u32(timescale),
                        u32(durationUnits), u32(0))),
                box("hdlr", concat(u32(0), ascii("mhlr"), ascii("vide"), new byte[13])),
                box("minf", box("stbl", concat(sampleDescription(),
                        box("stts", concat(u32(0), u32(1), u32(frames), u32(durationUnits / Math.max(1, frames))))))))))));
        if (iso6709 != null) {
            byte[] text = iso6709.getBytes(StandardCharsets.US_ASCII);
            moov.writeBytes(box("udta", box("\u00A9xyz", concat(u16(text.length), u16(0x15C7), text))));
        }
        if (contentIdentifier != null) {
            byte[] key = "com.apple.quicktime.content.identifier".getBytes(StandardCharsets.US_ASCII);
            byte[] value = contentIdentifier.getBytes(StandardCharsets.UTF_8);
            moov.writeBytes(box("meta", concat(
                    box("hdlr", concat(u32(0), u32(0), ascii("mdta"), new byte[12], new byte[1])),
                    box("keys", concat(u32(0), u32(1), u32(8 + key.length), ascii("mdta"), key)),
                    box("ilst", rawBox(u32(1), box("data", concat(u32(1), u32(0), value)))))));
        }
        file.writeBytes(box("moov", moov.toByteArray()));
        file.writeBytes(box("mdat", new byte[64]));
        return file.toByteArray();
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] trackHeader() {
        double radians = Math.toRadians(rotation);
        int cos = (int) Math.round(Math.cos(radians)) << 16;
        int sin = (int) Math.round(Math.sin(radians)) << 16;
        ByteBuffer matrix = ByteBuffer.allocate(36);
        matrix.putInt(cos).putInt(sin).putInt(0).putInt(-sin).putInt(cos).putInt(0).putInt(0).putInt(0).putInt(1 << 30);
        return box("tkhd", concat(u32(0x0F), u32(createdSince1904), u32(createdSince1904), u32(1), u32(0),
                u32(durationUnits), new byte[16], matrix.array(), u32(width << 16), u32(height << 16)));
    }

    private byte[] sampleDescription() {
        byte[] entry = concat(new byte[6], u16(1), new byte[16], u16(width), u16(height), u32(0x00480000),
                u32(0x00480000), u32(0), u16(1), new byte[32], u16(24), u16(0xFFFF));
        return box("stsd", concat(u32(0), u32(1), rawBox(ascii(codec), entry)));
    }

    private static byte[] box(String type, byte[] content) {
        return rawBox(type.getBytes(StandardCharsets.ISO_8859_1), content);
    }

    private static byte[] rawBox(byte[] type, byte[] content) {
        return concat(u32(8 + content.length), type, content);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] u32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    private static byte[] u16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
