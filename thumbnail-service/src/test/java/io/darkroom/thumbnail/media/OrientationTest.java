package io.darkroom.thumbnail.media;

import static io.darkroom.thumbnail.media.MediaFixtures.regionColour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.darkroom.events.MediaKind;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EXIF orientation, all 8 values. JpegFixtures paints a white mark in the stored image's top-left corner; after
 * orientation it must sit in the corner the EXIF specification sends it to, and 5..8 swap width and height.
 */
class OrientationTest {

    /** Where the stored top-left corner ends up, per orientation 1..8: 0 TL, 1 TR, 2 BR, 3 BL. */
    private static final int[] MARK_CORNER = {0, 0, 1, 2, 3, 0, 1, 2, 3};

    @TempDir
    Path temp;

    private final MediaDecoder decoder = new MediaDecoder(new MediaDecoder.Limits(200_000_000, 50_000_000, 200 << 20));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void openCvAppliesOrientationInColourAndReducedDecodesButNotUnchanged(int orientation) {
        byte[] jpeg = JpegFixtures.bytes(400, 200, ExifData.NONE.withOrientation(orientation));
        boolean turned = orientation >= 5;
        for (int flag : new int[] {IMREAD_COLOR, IMREAD_REDUCED_COLOR_2, IMREAD_REDUCED_COLOR_4, IMREAD_REDUCED_COLOR_8}) {
            try (Mat decoded = imdecode(new Mat(new BytePointer(jpeg)), flag)) {
                assertThat(decoded.cols() > decoded.rows()).as("flag %d", flag).isEqualTo(!turned);
                assertMarkAt(decoded, MARK_CORNER[orientation], "flag " + flag);
            }
        }
        try (Mat unchanged = imdecode(new Mat(new BytePointer(jpeg)), IMREAD_UNCHANGED)) {
            assertThat(unchanged.cols()).isEqualTo(400);
            assertMarkAt(unchanged, 0, "IMREAD_UNCHANGED keeps the stored layout");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aJpegComesOutUprightFromAFullDecode(int orientation) throws Exception {
        Path file = JpegFixtures.write(temp.resolve("o" + orientation + ".jpg"), 400, 200,
                ExifData.NONE.withOrientation(orientation));

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, orientation, ThumbnailSize.STANDARD)) {
            assertUpright(decoded, orientation, 400, 200);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aJpegComesOutUprightFromADecodeReducedToAnEighth(int orientation) throws Exception {
        Path file = JpegFixtures.write(temp.resolve("big" + orientation + ".jpg"), 3200, 1600,
                ExifData.NONE.withOrientation(orientation));
        List<ThumbnailSize> previewOnly = List.of(new ThumbnailSize("fit-400", 400, false));

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, orientation, previewOnly)) {
            assertUpright(decoded, orientation, 400, 200);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aPngDecodedUnchangedIsTurnedByTheIndexedOrientation(int orientation) throws Exception {
        byte[] jpeg = JpegFixtures.bytes(400, 200, ExifData.NONE);
        Path file;
        try (Mat stored = imdecode(new Mat(new BytePointer(jpeg)), IMREAD_COLOR)) {
            file = MediaFixtures.write(temp.resolve("o" + orientation + ".png"), MediaFixtures.encode(".png", stored));
        }

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, orientation, ThumbnailSize.STANDARD)) {
            assertUpright(decoded, orientation, 400, 200);
        }
    }

    private static void assertUpright(Mat decoded, int orientation, int storedWidth, int storedHeight) {
        boolean turned = orientation >= 5;
        assertThat(decoded.cols()).isEqualTo(turned ? storedHeight : storedWidth);
        assertThat(decoded.rows()).isEqualTo(turned ? storedWidth : storedHeight);
        assertMarkAt(decoded, MARK_CORNER[orientation], "orientation " + orientation);
    }

    /** The white mark is in {@code corner} and in no other corner. */
    private static void assertMarkAt(Mat image, int corner, String description) {
        for (int c = 0; c < 4; c++) {
            double x0 = (c == 1 || c == 2) ? 0.95 : 0.0;
            double y0 = c >= 2 ? 0.95 : 0.0;
            double[] bgr = regionColour(image, x0, y0, x0 + 0.05, y0 + 0.05);
            double brightness = (bgr[0] + bgr[1] + bgr[2]) / 3;
            if (c == corner) {
                assertThat(brightness).as(description + ": mark expected in corner " + c).isGreaterThan(235);
            } else {
                assertThat(brightness).as(description + ": no mark in corner " + c).isLessThan(215);
            }
        }
    }
}
