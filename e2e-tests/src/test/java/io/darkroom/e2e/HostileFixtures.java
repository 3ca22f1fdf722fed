package io.darkroom.e2e;

import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * Files made to hurt a media pipeline, generated on the spot: lying headers, a decompression bomb, seeded byte
 * flips. Each is small on disk.
 */
final class HostileFixtures {

    private HostileFixtures() {
    }

    /** A JPEG whose EXIF segment is garbage: a TIFF header with IFD offsets and counts pointing far past its end. */
    static byte[] corruptExifJpeg(int width, int height) {
        byte[] jpeg = JpegFixtures.bytes(width, height, ExifData.takenAt(LocalDateTime.of(2020, 5, 1, 10, 0)));
        int tiff = indexOf(jpeg, "Exif\0\0".getBytes(StandardCharsets.US_ASCII)) + 6;
        byte[] broken = jpeg.clone();
        // IFD0 at offset 0x7FFFFFF0, then an entry count of 0xFFFF where IFD0 really starts
        broken[tiff + 4] = 0x7F;
        broken[tiff + 5] = (byte) 0xFF;
        broken[tiff + 6] = (byte) 0xFF;
        broken[tiff + 7] = (byte) 0xF0;
        broken[tiff + 8] = (byte) 0xFF;
        broken[tiff + 9] = (byte) 0xFF;
        return broken;
    }

    /** A small, valid JPEG whose start-of-frame claims 65535 x 65535 pixels. */
    static byte[] hugeHeaderJpeg() {
        byte[] jpeg = JpegFixtures.bytes(32, 24, ExifData.NONE);
        for (int at = 2; at + 9 < jpeg.length; ) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                byte[] lying = jpeg.clone();
                lying[at + 5] = (byte) 0xFF; // height
                lying[at + 6] = (byte) 0xFF;
                lying[at + 7] = (byte) 0xFF; // width
                lying[at + 8] = (byte) 0xFF;
                return lying;
            }
            at += 2 + length;
        }
        throw new IllegalStateException("No start-of-frame marker");
    }

    /** A 1 x 1 grey PNG whose IHDR claims 65535 x 65535 (with a correct CRC, so only the size lies). */
    static byte[] hugeHeaderPng() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(0);
        raw.write(0x80);
        return png(65535, 65535, 0, deflate(raw.toByteArray()));
    }

    /**
     * A grey PNG of {@code edge} x {@code edge} zero pixels: {@code edge}² bytes once inflated (144 MB for 12,000),
     * a few hundred KB on disk.
     */
    static byte[] decompressionBomb(int edge) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[edge + 1]; // filter byte 0, then the pixels
            for (int y = 0; y < edge; y++) {
                out.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return png(edge, edge, 0, compressed.toByteArray());
    }

    /** A real PNG (javax.imageio), for a file named .jpg. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code original} with about {@code fraction} of its bytes (past the first 16) replaced, seeded. */
    static byte[] flipped(byte[] original, double fraction, long seed) {
        Random random = new Random(seed);
        byte[] fuzzed = original.clone();
        int flips = Math.max(1, (int) (original.length * fraction));
        for (int i = 0; i < flips; i++) {
            int at = 16 + random.nextInt(original.length - 16);
            fuzzed[at] = (byte) random.nextInt(256);
        }
        return fuzzed;
    }

    /** A short H.264/AAC MP4 made by ffmpeg, or null when ffmpeg is not installed. */
    static byte[] mp4(Path scratch, int seconds, int width, int height, int hz) {
        return video(scratch, "mp4", "libx264", seconds, hz, width, height);
    }

    /** A short clip with a sine tone in {@code container}, video in {@code codec} at 320 x 240. */
    static byte[] video(Path scratch, String container, String codec, int seconds, int hz) {
        return video(scratch, container, codec, seconds, hz, 320, 240);
    }

    private static byte[] video(Path scratch, String container, String codec, int seconds, int hz, int width,
            int height) {
        Path out = scratch.resolve("clip-%s-%d-%dx%d-%d.%s".formatted(codec, seconds, width, height, hz, container));
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc=size=" + width + "x" + height + ":rate=15:duration=" + seconds, "-f", "lavfi", "-i",
                "sine=frequency=" + hz + ":duration=" + seconds, "-c:v", codec));
        if (codec.equals("libx264")) {
            command.addAll(List.of("-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"));
        }
        command.addAll(List.of("-c:a", "aac", "-shortest", out.toString()));
        try {
            Files.createDirectories(scratch);
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("ffmpeg.log").toFile()).start();
            if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                ffmpeg.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed: " + Files.readString(scratch.resolve("ffmpeg.log")));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            return null; // no ffmpeg on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(int width, int height, int colourType, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }
}
