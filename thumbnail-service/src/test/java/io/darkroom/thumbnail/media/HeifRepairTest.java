package io.darkroom.thumbnail.media;

import static io.darkroom.thumbnail.media.MediaFixtures.regionColour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import io.darkroom.thumbnail.media.HeifLayouts.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HEIF layouts that FFmpeg 7.1 misreads (found in the corpus: a Samsung-style grid with an empty property
 * association, iPhone files with a half-pixel crop, files that list their Exif item first): FFmpeg alone fails on
 * each, and the decoder, through {@link HeifRepair}, gives the picture.
 */
class HeifRepairTest {

    @TempDir
    static Path temp;

    private static byte[] avif;

    private final MediaDecoder decoder = new MediaDecoder(new MediaDecoder.Limits(200_000_000, 50_000_000, 200 << 20));
    private final FfmpegFrames ffmpeg = new FfmpegFrames(200_000_000);

    @BeforeAll
    static void anAvifFromFfmpeg() throws Exception {
        Path file = MediaFixtures.record(temp.resolve("still.avif"), "avif", "libaom-av1", MediaFixtures.yuv420p(), 1,
                MediaFixtures.scene(320, 240, new Scalar(200, 60, 20, 0)));
        avif = Files.readAllBytes(file);
    }

    static Stream<Layout> layoutsFfmpegMisreads() {
        return Stream.of(new Layout(true, false, false), new Layout(false, true, false), new Layout(false, false, true),
                new Layout(true, true, true));
    }

    @ParameterizedTest
    @MethodSource("layoutsFfmpegMisreads")
    void aLayoutFfmpegAloneCannotReadIsDecodedFromARepairedCopy(Layout layout) throws Exception {
        Path file = Files.write(temp.resolve("IMG_%s.HEIC".formatted(layout.hashCode())), HeifLayouts.rewrite(avif, layout));

        assertThatThrownBy(() -> ffmpeg.stillAsItIs(file, null)).as("FFmpeg 7.1 on its own")
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CORRUPT));
        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, ThumbnailSize.STANDARD)) {
            assertThat(decoded.cols()).isEqualTo(320);
            assertThat(decoded.rows()).isEqualTo(240);
            double[] bgr = regionColour(decoded, 0.6, 0.6, 0.9, 0.9);
            assertThat(bgr[0]).isCloseTo(200, within(20.0));
            assertThat(bgr[2]).isCloseTo(20, within(20.0));
        }
        assertThat(Files.readAllBytes(file)).as("the original is untouched").isEqualTo(HeifLayouts.rewrite(avif, layout));
    }

    @Test
    void thePlainLayoutIsReadByFfmpegAndNeedsNoRepair() throws Exception {
        byte[] plain = HeifLayouts.rewrite(avif, Layout.PLAIN);
        Path file = Files.write(temp.resolve("plain.heic"), plain);

        try (Mat decoded = ffmpeg.stillAsItIs(file, null)) {
            assertThat(decoded.cols()).isEqualTo(320);
        }
        assertThat(HeifRepair.repairedHead(plain)).isEmpty();
        assertThat(HeifRepair.repairedHead(avif)).isEmpty();
    }

    @Test
    void theRepairMovesNoBoxAndNoMediaByte() {
        byte[] misread = HeifLayouts.rewrite(avif, new Layout(true, true, true));

        byte[] repaired = HeifRepair.repairedHead(misread).orElseThrow();

        assertThat(repaired).hasSameSizeAs(misread);
        int mdat = indexOf(misread, "mdat") - 4;
        assertThat(Arrays.copyOfRange(repaired, mdat, repaired.length))
                .isEqualTo(Arrays.copyOfRange(misread, mdat, misread.length));
        assertThat(indexOf(repaired, "clap")).isEqualTo(-1);
    }

    @Test
    void damagedBoxesAreLeftAloneWithoutAnError() {
        byte[] misread = HeifLayouts.rewrite(avif, new Layout(true, true, true));
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = Arrays.copyOf(misread, 1 + random.nextInt(misread.length));
            for (int flips = random.nextInt(4); flips >= 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            assertThat(HeifRepair.repairedHead(damaged)).isNotNull(); // never throws
        }
        assertThat(HeifRepair.repairedHead(new byte[0])).isEmpty();
        assertThat(HeifRepair.repairedHead("not a HEIF at all".getBytes())).isEmpty();
    }

    private static int indexOf(byte[] bytes, String type) {
        byte[] pattern = type.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
