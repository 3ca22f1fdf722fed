package io.darkroom.thumbnail.media;

import static io.darkroom.thumbnail.media.MediaFixtures.centreColour;
import static io.darkroom.thumbnail.media.MediaFixtures.encode;
import static io.darkroom.thumbnail.media.MediaFixtures.regionColour;
import static io.darkroom.thumbnail.media.MediaFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generated fixture per case of the issue: the decoded picture is what a person should see. */
class MediaDecoderTest {

    private static final List<ThumbnailSize> STANDARD = ThumbnailSize.STANDARD;

    @TempDir
    Path temp;

    private final MediaDecoder decoder = new MediaDecoder(new MediaDecoder.Limits(200_000_000, 50_000_000, 200 << 20));

    @Test
    void cmykJpegIsDecodedToItsColours() throws Exception {
        // Adobe's convention (Photoshop, and the JDK's writer): stored bytes are inverted ink, so pure red
        // (C0 M100 Y100 K0) is stored as 255, 0, 0, 255.
        Path file = write(temp.resolve("cmyk.jpg"), MediaFixtures.cmykJpeg(64, 48, 255, 0, 0, 255));

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
            double[] bgr = regionColour(decoded, 0.25, 0.25, 0.75, 0.75);
            assertThat(decoded.channels()).isEqualTo(3);
            assertThat(bgr[2]).as("red").isGreaterThan(200);
            assertThat(bgr[1]).as("green").isLessThan(60);
            assertThat(bgr[0]).as("blue").isLessThan(60);
        }
    }

    @Test
    void sixteenBitPngAndTiffAreScaledToEightBits() throws Exception {
        try (Mat deep = new Mat(60, 80, CV_16UC3, new Scalar(10_000, 30_000, 60_000, 0))) {
            for (String extension : new String[] {".png", ".tif"}) {
                Path file = write(temp.resolve("deep" + extension), encode(extension, deep));
                try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
                    assertThat(decoded.type()).as(extension).isEqualTo(CV_8UC3);
                    double[] bgr = regionColour(decoded, 0, 0, 1, 1);
                    assertThat(bgr[0]).as(extension).isCloseTo(10_000 / 257.0, within(1.0));
                    assertThat(bgr[1]).as(extension).isCloseTo(30_000 / 257.0, within(1.0));
                    assertThat(bgr[2]).as(extension).isCloseTo(60_000 / 257.0, within(1.0));
                }
            }
        }
    }

    @Test
    void transparencyIsFlattenedOntoTheNeutralBackground() throws Exception {
        try (Mat rgba = new Mat(40, 80, CV_8UC4, new Scalar(0, 0, 255, 255))) {
            // right half fully transparent (its colour, black, must not show), a 50 % strip in the middle
            try (Mat right = new Mat(rgba, new Rect(40, 0, 40, 40)); Mat half = new Mat(rgba, new Rect(20, 0, 20, 40))) {
                right.put(new Scalar(0, 0, 0, 0));
                half.put(new Scalar(0, 0, 255, 128));
            }
            Path file = write(temp.resolve("alpha.png"), encode(".png", rgba));

            try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
                assertThat(decoded.channels()).isEqualTo(3);
                assertThat(regionColour(decoded, 0, 0, 0.25, 1)).containsExactly(0, 0, 255);
                assertThat(regionColour(decoded, 0.5, 0, 1, 1)).containsExactly(192, 192, 192);
                double[] mixed = regionColour(decoded, 0.25, 0, 0.5, 1);
                assertThat(mixed[2]).isCloseTo((255 + 192) / 2.0, within(2.0));
                assertThat(mixed[0]).isCloseTo(192 / 2.0, within(2.0));
            }
        }
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        Path file = write(temp.resolve("anim.gif"), MediaFixtures.animatedGif(64, 48, Color.RED, Color.BLUE, Color.GREEN));

        try (Mat decoded = decoder.decode(file, MediaKind.ANIMATED, null, STANDARD)) {
            double[] bgr = regionColour(decoded, 0, 0, 1, 1);
            assertThat(decoded.cols()).isEqualTo(64);
            assertThat(bgr[2]).isGreaterThan(240);
            assertThat(bgr[0]).isLessThan(15);
        }
    }

    /** JavaCV pads the rows of a narrow picture and then counts the padding as channels (exiftool's 8x8 GIF.gif). */
    @Test
    void aPictureOnlyAFewPixelsWideIsDecoded() throws Exception {
        for (int width : new int[] {1, 5, 8, 13}) {
            Path file = write(temp.resolve("tiny-" + width + ".gif"), MediaFixtures.animatedGif(width, 8, Color.RED));

            try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
                assertThat(decoded.channels()).isEqualTo(3);
                assertThat(decoded.cols()).as("width").isEqualTo(width);
                assertThat(decoded.rows()).isEqualTo(8);
                double[] bgr = regionColour(decoded, 0, 0, 1, 1);
                assertThat(bgr[2]).as("red of %d px", width).isGreaterThan(240);
                assertThat(bgr[0]).isLessThan(15);
            }
        }
    }

    @Test
    void animatedWebpGivesItsFirstFrame() throws Exception {
        Path file = MediaFixtures.record(temp.resolve("anim.webp"), "webp", "libwebp_anim",
                org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P, 5,
                MediaFixtures.solid(64, 48, CV_8UC3, new Scalar(0, 0, 255, 0)),
                MediaFixtures.solid(64, 48, CV_8UC3, new Scalar(255, 0, 0, 0)),
                MediaFixtures.solid(64, 48, CV_8UC3, new Scalar(0, 255, 0, 0)));
        assertThat(ImageHeader.read(Files.readAllBytes(file)).format()).isEqualTo(ImageHeader.Format.WEBP);

        try (Mat decoded = decoder.decode(file, MediaKind.ANIMATED, null, STANDARD)) {
            double[] bgr = regionColour(decoded, 0.25, 0.25, 0.75, 0.75);
            assertThat(decoded.cols()).isEqualTo(64);
            assertThat(bgr[2]).as("red").isGreaterThan(200);
            assertThat(bgr[0]).as("blue").isLessThan(60);
        }
    }

    @Test
    void avifIsDecodedWithFfmpeg() throws Exception {
        Path file = MediaFixtures.record(temp.resolve("still.avif"), "avif", "libaom-av1", MediaFixtures.yuv420p(), 1,
                MediaFixtures.scene(320, 240, new Scalar(200, 60, 20, 0)));
        assertThat(ImageHeader.read(Files.readAllBytes(file)).format()).isEqualTo(ImageHeader.Format.AVIF);

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
            assertThat(decoded.cols()).isEqualTo(320);
            assertThat(decoded.rows()).isEqualTo(240);
            double[] bgr = regionColour(decoded, 0.6, 0.6, 0.9, 0.9);
            assertThat(bgr[0]).isCloseTo(200, within(20.0));
            assertThat(bgr[2]).isCloseTo(20, within(20.0));
        }
    }

    @Test
    void aHeifFfmpegCannotOpenFailsWithAReasonFreeOfJavaCvsHintsAndTheFolder() throws Exception {
        // A HEIF brand and then nothing FFmpeg can read, as several of the corpus's HEICs are to FFmpeg 7.1
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e',
                'i', 'c'};
        byte[] bytes = java.util.Arrays.copyOf(ftyp, 4096);
        Path file = Files.write(temp.resolve("IMG_0001.HEIC"), bytes);

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.IMAGE, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.CORRUPT);
                    assertThat(f.getMessage()).startsWith("FFmpeg could not decode the picture")
                            .contains("IMG_0001.HEIC").doesNotContain(temp.toString())
                            .doesNotContain("setFormat()").doesNotContain("FFmpegLogCallback");
                });
    }

    @Test
    void videoPosterComesFromAMomentThatIsNotBlack() throws Exception {
        Mat black = MediaFixtures.solid(320, 240, CV_8UC3, new Scalar(0, 0, 0, 0));
        Mat scene = MediaFixtures.scene(320, 240, new Scalar(40, 160, 90, 0));
        Mat[] frames = new Mat[75];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i < 30 ? black : scene; // 3 s at 25 fps, the first 1.2 s black
        }
        Path file = MediaFixtures.record(temp.resolve("clip.mp4"), "mp4", "libx264", MediaFixtures.yuv420p(), 25, frames);

        try (Mat poster = decoder.decode(file, MediaKind.VIDEO, null, STANDARD)) {
            assertThat(poster.cols()).isEqualTo(320);
            double[] bgr = regionColour(poster, 0.5, 0.5, 0.9, 0.9);
            assertThat(bgr[1]).as("the scene's green, not black").isGreaterThan(120);
        }
    }

    @Test
    void rawGivesItsLargestEmbeddedPreviewTurnedByTheRawsOrientation() throws Exception {
        byte[] small = encode(".jpg", MediaFixtures.solid(160, 120, CV_8UC3, new Scalar(255, 0, 0, 0)));
        byte[] large = encode(".jpg", MediaFixtures.solid(1600, 1200, CV_8UC3, new Scalar(0, 0, 255, 0)));
        Path file = write(temp.resolve("camera.cr2"), MediaFixtures.fakeRaw(small, large));

        try (Mat decoded = decoder.decode(file, MediaKind.RAW, 6, STANDARD)) {
            assertThat(decoded.cols()).isEqualTo(1200);
            assertThat(decoded.rows()).isEqualTo(1600);
            assertThat(regionColour(decoded, 0, 0, 1, 1)[2]).isGreaterThan(240);
        }
    }

    @Test
    void rawWithoutPreviewOrDecodableDataFailsWithAReason() throws Exception {
        Path file = write(temp.resolve("nothing.nef"), MediaFixtures.fakeRaw(new byte[0], new byte[0]));

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.RAW, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED);
                    assertThat(f.getMessage()).contains("no embedded JPEG preview");
                });
    }

    @Test
    void aPngHeaderClaiming65535SquaredIsRefusedBeforeDecoding() throws Exception {
        Path file = write(temp.resolve("bomb.png"), pngHeaderOnly(65535, 65535));

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.IMAGE, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.TOO_LARGE);
                    assertThat(f.getMessage()).contains("65535 x 65535");
                });
    }

    @Test
    void aDeflateBombOf100MegapixelsIsRefused() throws Exception {
        // 10000 x 10000 grey PNG whose rows are all zeros: a few hundred KB that would decode to 300 MB.
        Path file = write(temp.resolve("deflate-bomb.png"), zeroPng(10_000, 10_000));
        assertThat(Files.size(file)).isLessThan(1_000_000);

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.IMAGE, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TOO_LARGE));
    }

    @Test
    void aJpegHeaderClaimingMoreThanTheLimitIsRefused() throws Exception {
        byte[] jpeg = encode(".jpg", MediaFixtures.solid(64, 64, CV_8UC3, new Scalar(1, 2, 3, 0)));
        patchJpegSize(jpeg, 65000, 65000);
        Path file = write(temp.resolve("huge.jpg"), jpeg);

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.IMAGE, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TOO_LARGE));
    }

    @Test
    void bytesThatAreNoMediaFailAsCorrupt() throws Exception {
        byte[] noise = new byte[5000];
        new java.util.Random(3).nextBytes(noise);
        Path file = write(temp.resolve("noise.bin"), noise);

        assertThatThrownBy(() -> decoder.decode(file, MediaKind.IMAGE, null, STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.CORRUPT);
                    assertThat(f.getMessage()).isNotBlank();
                });
    }

    @Test
    void aHundredMegapixelJpegIsShrunkWhileDecoding() throws Exception {
        byte[] jpeg = encode(".jpg", MediaFixtures.solid(12_000, 8_400, CV_8UC3, new Scalar(90, 90, 90, 0)),
                IMWRITE_JPEG_QUALITY, 50);
        Path file = write(temp.resolve("100mp.jpg"), jpeg);

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, STANDARD)) {
            assertThat(decoded.cols()).isEqualTo(3000); // 1/4: still covers fit-1920
            assertThat(decoded.rows()).isEqualTo(2100);
        }
    }

    @Test
    void aDecodedJpegCentreKeepsItsColour() throws Exception {
        byte[] jpeg = encode(".jpg", MediaFixtures.solid(64, 64, CV_8UC3, new Scalar(30, 140, 220, 0)));
        assertThat(centreColour(jpeg)[1]).isCloseTo(140, within(3.0));
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.put(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array()));
        b.put(chunk("IEND", new byte[0]));
        return b.array();
    }

    private static byte[] zeroPng(int width, int height) {
        Deflater deflater = new Deflater(9);
        byte[] row = new byte[width + 1];
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0) {
                compressed.write(buffer, 0, n);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            compressed.write(buffer, 0, n);
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array()));
        png.writeBytes(chunk("IDAT", compressed.toByteArray()));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static void patchJpegSize(byte[] jpeg, int width, int height) {
        for (int at = 2; at + 9 < jpeg.length; ) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xC0 || marker == 0xC2) {
                jpeg[at + 5] = (byte) (height >> 8);
                jpeg[at + 6] = (byte) height;
                jpeg[at + 7] = (byte) (width >> 8);
                jpeg[at + 8] = (byte) width;
                return;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalStateException("no SOF");
    }
}
