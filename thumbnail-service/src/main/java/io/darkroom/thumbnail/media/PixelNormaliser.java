package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_core.transpose;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Brings any decoded image to what every size is made from: 8-bit BGR, opaque, upright. Deep images (16-bit
 * PNG/TIFF, float HDR/EXR) are scaled to 8 bits, grey is expanded, and transparency is flattened onto
 * {@link #BACKGROUND}, a light neutral grey that keeps dark and white artwork readable in the grid.
 */
public final class PixelNormaliser {

    /** The flattening background, BGR. */
    public static final Scalar BACKGROUND = new Scalar(192, 192, 192, 255);

    private PixelNormaliser() {
    }

    /** Returns an 8-bit BGR image; {@code source} is released when a new image replaces it. */
    public static Mat toBgr8(Mat source) {
        Mat image = source;
        if (image.depth() != CV_8U) {
            double scale = switch (image.depth()) {
                case CV_16U -> 1.0 / 257.0;
                case CV_32F, CV_64F -> 255.0;
                default -> 1.0;
            };
            Mat eight = new Mat();
            image.convertTo(eight, CV_8U, scale, 0);
            image = replace(image, eight);
        }
        switch (image.channels()) {
            case 1 -> {
                Mat bgr = new Mat();
                cvtColor(image, bgr, COLOR_GRAY2BGR);
                image = replace(image, bgr);
            }
            case 2 -> { // grey + alpha
                Mat grey = new Mat();
                extractChannel(image, grey, 0);
                Mat bgr = new Mat();
                cvtColor(grey, bgr, COLOR_GRAY2BGR);
                grey.close();
                image = replace(image, bgr);
            }
            case 4 -> image = replace(image, flatten(image));
            default -> {
            }
        }
        return image;
    }

    /** BGRA onto the background: out = colour * alpha + background * (1 - alpha). */
    static Mat flatten(Mat bgra) {
        try (Mat colour = new Mat(); Mat alpha8 = new Mat(); Mat alpha = new Mat(); Mat inverse = new Mat();
                Mat background = new Mat(bgra.rows(), bgra.cols(), CV_8UC3, BACKGROUND);
                Mat one = new Mat(bgra.rows(), bgra.cols(), CV_32FC1, new Scalar(1.0))) {
            cvtColor(bgra, colour, COLOR_BGRA2BGR);
            extractChannel(bgra, alpha8, 3);
            alpha8.convertTo(alpha, CV_32F, 1.0 / 255.0, 0);
            subtract(one, alpha, inverse);
            Mat out = new Mat();
            blendLinear(colour, background, alpha, inverse, out);
            return out;
        }
    }

    /** Applies an EXIF orientation (1..8) to an image decoded as stored. */
    public static Mat orient(Mat stored, Integer orientation) {
        if (orientation == null || orientation <= 1 || orientation > 8) {
            return stored;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> flip(stored, out, 1);
            case 3 -> rotate(stored, out, ROTATE_180);
            case 4 -> flip(stored, out, 0);
            case 5 -> transpose(stored, out);
            case 6 -> rotate(stored, out, ROTATE_90_CLOCKWISE);
            case 7 -> {
                try (Mat turned = new Mat()) {
                    transpose(stored, turned);
                    rotate(turned, out, ROTATE_180);
                }
            }
            case 8 -> rotate(stored, out, ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalStateException();
        }
        return replace(stored, out);
    }

    /** Rotates by a container's display rotation, in degrees counter-clockwise (FFmpeg's convention). */
    public static Mat rotateCounterClockwise(Mat image, double degrees) {
        int turn = (int) Math.round(((degrees % 360) + 360) % 360 / 90.0) % 4;
        if (turn == 0) {
            return image;
        }
        Mat out = new Mat();
        rotate(image, out, turn == 1 ? ROTATE_90_COUNTERCLOCKWISE : turn == 2 ? ROTATE_180 : ROTATE_90_CLOCKWISE);
        return replace(image, out);
    }

    private static Mat replace(Mat old, Mat replacement) {
        if (old != replacement) {
            old.close();
        }
        return replacement;
    }
}
