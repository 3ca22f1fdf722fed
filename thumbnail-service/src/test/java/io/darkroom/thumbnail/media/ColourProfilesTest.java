package io.darkroom.thumbnail.media;

import static io.darkroom.thumbnail.media.MediaFixtures.regionColour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded profiles are converted to sRGB. The expected sRGB values are computed here independently of the
 * JDK's colour management: linearise with the profile's gamma, apply the published D65 RGB-to-RGB matrix,
 * encode with the sRGB curve.
 */
class ColourProfilesTest {

    /** Adobe RGB (1998) colorants, Bradford-adapted to D50 as ICC profiles store them. */
    private static final double[][] ADOBE_D50 = {{0.6097, 0.3111, 0.0195}, {0.2053, 0.6257, 0.0609},
        {0.1492, 0.0632, 0.7446}};
    private static final double[][] ADOBE_TO_SRGB = {{1.39836, -0.39836, 0}, {0, 1, 0}, {0, -0.04293, 1.04293}};
    /** Display P3 colorants (D50-adapted) as in Apple's profile. */
    private static final double[][] P3_D50 = {{0.5151, 0.2412, -0.0011}, {0.2920, 0.6922, 0.0419},
        {0.1571, 0.0666, 0.7841}};
    private static final double[][] P3_TO_SRGB = {{1.22494, -0.22494, 0}, {-0.04206, 1.04206, 0},
        {-0.01964, -0.07864, 1.09828}};
    private static final double GAMMA = 563 / 256.0;
    private static final int[] RGB = {200, 100, 60};

    @TempDir
    Path temp;

    private final MediaDecoder decoder = new MediaDecoder(new MediaDecoder.Limits(200_000_000, 50_000_000, 200 << 20));

    @Test
    void adobeRgbJpegIsConvertedToSrgb() throws Exception {
        assertConverted("adobe.jpg", MediaFixtures.matrixProfile("Adobe RGB (1998) compatible", ADOBE_D50, GAMMA),
                ADOBE_TO_SRGB);
    }

    @Test
    void displayP3JpegIsConvertedToSrgb() throws Exception {
        assertConverted("p3.jpg", MediaFixtures.matrixProfile("Display P3 compatible", P3_D50, GAMMA), P3_TO_SRGB);
    }

    @Test
    void aHeifColrBoxOfTypeProfIsFoundAmongTheItemProperties() throws Exception {
        byte[] p3 = MediaFixtures.matrixProfile("Display P3 compatible", P3_D50, GAMMA);
        java.io.ByteArrayOutputStream heif = new java.io.ByteArrayOutputStream();
        heif.write(box("ftyp", "heicmif1heic".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        heif.write(box("ispe", new byte[12]));
        byte[] colr = new byte[4 + p3.length];
        System.arraycopy("prof".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, colr, 0, 4);
        System.arraycopy(p3, 0, colr, 4, p3.length);
        heif.write(box("colr", colr));
        heif.write(box("mdat", new byte[64]));

        assertThat(ColourProfiles.heifProfile(heif.toByteArray())).isEqualTo(p3);
        assertThat(ColourProfiles.nonSrgbProfile(heif.toByteArray(), ImageHeader.Format.HEIF)).isPresent();
        assertThat(ColourProfiles.nonSrgbProfile(box("colr", "nclx\0\1\0\1\0\1\0".getBytes()),
                ImageHeader.Format.AVIF)).isEmpty();
    }

    private static byte[] box(String type, byte[] payload) {
        byte[] box = new byte[8 + payload.length];
        java.nio.ByteBuffer.wrap(box).putInt(box.length).put(type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .put(payload);
        return box;
    }

    @Test
    void anSrgbProfileIsLeftAlone() {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] jpeg = MediaFixtures.withIccProfile(jpegOf(RGB), srgb);

        assertThat(ColourProfiles.jpegProfile(jpeg)).isEqualTo(srgb);
        assertThat(ColourProfiles.nonSrgbProfile(jpeg, ImageHeader.Format.JPEG)).isEmpty();
    }

    private void assertConverted(String name, byte[] profile, double[][] toSrgb) throws Exception {
        double[] expected = expectedSrgb(toSrgb);
        assertThat(Math.abs(expected[0] - RGB[0]) + Math.abs(expected[1] - RGB[1]) + Math.abs(expected[2] - RGB[2]))
                .as("the fixture colour must change visibly").isGreaterThan(15);
        Path file = MediaFixtures.write(temp.resolve(name), MediaFixtures.withIccProfile(jpegOf(RGB), profile));

        try (Mat decoded = decoder.decode(file, MediaKind.IMAGE, null, ThumbnailSize.STANDARD)) {
            double[] bgr = regionColour(decoded, 0.25, 0.25, 0.75, 0.75);
            assertThat(bgr[2]).as("red").isCloseTo(expected[0], within(4.0));
            assertThat(bgr[1]).as("green").isCloseTo(expected[1], within(4.0));
            assertThat(bgr[0]).as("blue").isCloseTo(expected[2], within(4.0));
        }
    }

    private static double[] expectedSrgb(double[][] matrix) {
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            linear[i] = Math.pow(RGB[i] / 255.0, GAMMA);
        }
        double[] out = new double[3];
        for (int row = 0; row < 3; row++) {
            double v = 0;
            for (int col = 0; col < 3; col++) {
                v += matrix[row][col] * linear[col];
            }
            v = Math.min(1, Math.max(0, v));
            double encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
            out[row] = encoded * 255;
        }
        return out;
    }

    private static byte[] jpegOf(int[] rgb) {
        try (Mat flat = MediaFixtures.solid(96, 64, CV_8UC3, new Scalar(rgb[2], rgb[1], rgb[0], 0))) {
            return MediaFixtures.encode(".jpg", flat, IMWRITE_JPEG_QUALITY, 98);
        }
    }
}
