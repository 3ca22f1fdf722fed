package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a JPEG damaged for the catalog: what a decoder cannot show, not every flaw in its headers. */
class JpegStructureTest {

    @TempDir
    Path dir;

    @Test
    void aWholeJpegHasNoProblem() throws Exception {
        Path file = Files.write(dir.resolve("whole.jpg"), jpeg());

        assertThat(JpegStructure.problem(file)).isEmpty();
    }

    @Test
    void bytesWhereAMarkerBelongsAreSkippedAsDecodersDo() throws Exception {
        // As the corpus's nom-exif broken.jpg: its APP1 length ends short of the next marker, which libjpeg finds
        // ("extraneous bytes before marker") and libvips, ImageIO and browsers show the 2048x1152 photo.
        byte[] whole = jpeg();
        int afterFirstSegment = 4 + ((whole[4] & 0xFF) << 8 | (whole[5] & 0xFF));
        byte[] extraneous = concat(Arrays.copyOf(whole, afterFirstSegment), new byte[] {0, 0x12, (byte) 0xFF, 0,
                0x34}, Arrays.copyOfRange(whole, afterFirstSegment, whole.length));
        Path file = Files.write(dir.resolve("extraneous.jpg"), extraneous);
        assertThat(ImageIO.read(new ByteArrayInputStream(extraneous))).as("a decoder shows it").isNotNull();

        assertThat(JpegStructure.problem(file)).isEmpty();
    }

    @Test
    void aJpegWithoutItsEndIsTruncatedWhateverItsHeadersHold() throws Exception {
        byte[] whole = jpeg();
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length / 2));
        Path noise = Files.write(dir.resolve("noise.jpg"), concat(Arrays.copyOf(whole, 20), new byte[4096]));

        assertThat(JpegStructure.problem(cut)).contains("the file is truncated: its end-of-image marker is missing");
        assertThat(JpegStructure.problem(noise)).contains("the file is truncated: its end-of-image marker is missing");
    }

    @Test
    void bytesAfterTheEndMarkerAreFineAndAMissingEndIsFoundPastThem() throws Exception {
        // A motion photo: its video follows the image's end marker, so the file does not end with one, and the
        // compressed data is scanned for it (in blocks: the trailer spans several).
        byte[] whole = jpeg();
        byte[] video = new byte[200_000];
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i % 251 == 0 ? 0xFF : i % 7); // FF never followed by D9
        }
        Path motion = Files.write(dir.resolve("motion.jpg"), concat(whole, video));
        Path endless = Files.write(dir.resolve("endless.jpg"),
                concat(Arrays.copyOf(whole, whole.length - 2), video));

        assertThat(JpegStructure.problem(motion)).isEmpty();
        assertThat(JpegStructure.problem(endless)).contains("the file is truncated: its end-of-image marker is missing");
    }

    private static byte[] jpeg() {
        return JpegFixtures.bytes(96, 64, ExifData.takenAt(LocalDateTime.of(2024, 5, 1, 10, 0)));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
