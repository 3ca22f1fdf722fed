package io.darkroom.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegFixturesTest {

    @TempDir
    Path dir;

    @Test
    void writesADecodableJpegOfTheRequestedSizeWithExifFirst() throws Exception {
        ExifData exif = ExifData.takenAt(LocalDateTime.of(2019, 12, 20, 17, 8, 32))
                .withSubSec("123").withOffset(ZoneOffset.ofHours(1)).withOrientation(6);

        Path file = JpegFixtures.write(dir.resolve("a/IMG_1.jpg"), 64, 48, exif);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[2] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[3] & 0xFF).isEqualTo(0xE1);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Exif\0\0MM").contains("2019:12:20 17:08:32").contains("+01:00");
        assertThat(bytes[bytes.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[bytes.length - 1] & 0xFF).isEqualTo(0xD9);
    }

    @Test
    void withoutExifWritesAPlainJpeg() throws Exception {
        Path file = JpegFixtures.write(dir.resolve("plain.jpg"), 10, 20, ExifData.NONE);

        assertThat(ImageIO.read(file.toFile()).getHeight()).isEqualTo(20);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
    }

    @Test
    void emptyTruncatedAndCorruptFilesAreWhatTheySay() throws Exception {
        Path empty = JpegFixtures.writeEmpty(dir.resolve("empty.jpg"));
        Path truncated = JpegFixtures.writeTruncated(dir.resolve("cut.jpg"), 64, 48, ExifData.NONE);
        Path corrupt = JpegFixtures.writeCorrupt(dir.resolve("noise.jpg"), 2048, 7);

        assertThat(Files.size(empty)).isZero();
        byte[] cut = Files.readAllBytes(truncated);
        byte[] whole = JpegFixtures.bytes(64, 48, ExifData.NONE);
        assertThat(cut.length).isLessThan(whole.length);
        assertThat(cut[cut.length - 1] & 0xFF).isNotEqualTo(0xD9);
        byte[] noise = Files.readAllBytes(corrupt);
        assertThat(noise).hasSize(2052);
        assertThat(noise[0] & 0xFF).isEqualTo(0xFF);
        assertThat(noise[1] & 0xFF).isEqualTo(0xD8);
    }
}
