package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.DecodePlan;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the one picture an item's sizes are made from: 8-bit BGR, upright, sRGB, opaque, and no larger than
 * the largest size needs where the format allows (JPEG's DCT scaling). The header is checked against the
 * limits before any decoder runs.
 *
 * <p>EXIF orientation: OpenCV 4.11 applies it in {@code imdecode} with {@code IMREAD_COLOR} and
 * {@code IMREAD_REDUCED_COLOR_*}, not with {@code IMREAD_UNCHANGED} ({@code OrientationTest} pins this). JPEGs
 * therefore rely on OpenCV; everything decoded unchanged gets the orientation from the index applied here.
 * HEIF/video rotation comes from the container (FFmpeg's display matrix).
 */
public final class MediaDecoder {

    /** Refusal thresholds. */
    public record Limits(long maxPixels, long maxDecodedPixels, long maxFileBytes) {
    }

    private static final int HEAD_BYTES = 64 * 1024;

    private final Limits limits;
    private final FfmpegFrames ffmpeg;

    public MediaDecoder(Limits limits) {
        this.limits = limits;
        this.ffmpeg = new FfmpegFrames(limits.maxDecodedPixels());
    }

    /**
     * @param kind what the index made of the item
     * @param orientation EXIF orientation from the index, applied where the decoder does not apply it
     * @param sizes the sizes to be made, which bound how far a JPEG may be shrunk while decoding
     */
    public Mat decode(Path original, MediaKind kind, Integer orientation, List<ThumbnailSize> sizes)
            throws IOException, ThumbnailFailure {
        long length = Files.size(original);
        if (length == 0) {
            throw new ThumbnailFailure(FailureKind.EMPTY, "The file is empty (0 bytes)");
        }
        ImageHeader head = ImageHeader.read(head(original));
        if (kind == MediaKind.VIDEO || (head.format() == ImageHeader.Format.VIDEO && kind != MediaKind.RAW)) {
            return ffmpeg.poster(original);
        }
        if (length > limits.maxFileBytes()) {
            throw new ThumbnailFailure(FailureKind.TOO_LARGE, "The file has %d bytes, over the limit of %d for an image"
                    .formatted(length, limits.maxFileBytes()));
        }
        byte[] bytes = Files.readAllBytes(original);
        head = ImageHeader.read(bytes); // a TIFF may keep its first directory past the first 64 KiB
        if (kind == MediaKind.RAW) {
            return raw(original, bytes, head, orientation, sizes);
        }
        return image(original, bytes, head, orientation, sizes);
    }

    private Mat image(Path original, byte[] bytes, ImageHeader head, Integer orientation, List<ThumbnailSize> sizes)
            throws ThumbnailFailure {
        checkHeader(head);
        return switch (head.format()) {
            case JPEG -> jpeg(bytes, head, sizes, false, null);
            case PNG, TIFF, WEBP, BMP -> unchanged(bytes, head, orientation);
            case HEIF, AVIF -> inSrgb(ffmpeg.still(original, orientation), bytes, head.format());
            case GIF, VIDEO, UNKNOWN -> ffmpeg.still(original, orientation);
        };
    }

    /** Converts a HEIF/AVIF picture from its embedded ICC profile (Display P3 on every iPhone) to sRGB. */
    private static Mat inSrgb(Mat bgr, byte[] bytes, ImageHeader.Format format) {
        Optional<ICC_Profile> profile = ColourProfiles.nonSrgbProfile(bytes, format);
        if (profile.isEmpty() || bgr.empty()) {
            return bgr;
        }
        Mat continuous = bgr;
        if (!bgr.isContinuous()) {
            continuous = bgr.clone();
            bgr.close();
        }
        ColourProfiles.toSrgb(continuous, profile.get());
        return continuous;
    }

    /** The embedded preview, else whatever OpenCV or FFmpeg can make of the file. */
    private Mat raw(Path original, byte[] bytes, ImageHeader head, Integer orientation, List<ThumbnailSize> sizes)
            throws ThumbnailFailure {
        Optional<byte[]> preview = RawPreview.largestJpeg(bytes);
        if (preview.isPresent()) {
            ImageHeader previewHead = ImageHeader.read(preview.get());
            try {
                checkHeader(previewHead);
                // The preview's own EXIF rarely carries the orientation; the RAW's (from the index) does.
                return jpeg(preview.get(), previewHead, sizes, true, orientation);
            } catch (ThumbnailFailure unusable) {
                // fall through to a decode of the RAW itself
            }
        }
        if (head.format() == ImageHeader.Format.TIFF && head.hasDimensions()
                && head.pixels() <= limits.maxDecodedPixels()) {
            Mat decoded = decodeWith(bytes, IMREAD_UNCHANGED);
            if (!decoded.empty()) {
                return PixelNormaliser.orient(PixelNormaliser.toBgr8(decoded), orientation);
            }
            decoded.close();
        }
        try {
            return ffmpeg.still(original, orientation);
        } catch (ThumbnailFailure nothing) {
            throw new ThumbnailFailure(FailureKind.UNSUPPORTED,
                    "The RAW file has no embedded JPEG preview and its sensor data cannot be decoded");
        }
    }

    private Mat jpeg(byte[] bytes, ImageHeader head, List<ThumbnailSize> sizes, boolean ignoreExif, Integer orientation)
            throws ThumbnailFailure {
        DecodePlan plan = head.hasDimensions() ? DecodePlan.forSource(head.width(), head.height(), sizes)
                : new DecodePlan(1);
        long decodedPixels = head.pixels() / ((long) plan.reduction() * plan.reduction());
        if (decodedPixels > limits.maxDecodedPixels()) {
            throw tooLarge(head, limits.maxDecodedPixels());
        }
        int flags = flagFor(plan.reduction()) | (ignoreExif ? IMREAD_IGNORE_ORIENTATION : 0);
        Mat decoded = decodeWith(bytes, flags);
        if (decoded.empty()) {
            decoded.close();
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The JPEG could not be decoded");
        }
        Optional<ICC_Profile> profile = ColourProfiles.nonSrgbProfile(bytes, ImageHeader.Format.JPEG);
        if (profile.isPresent()) {
            ColourProfiles.toSrgb(decoded, profile.get());
        }
        return ignoreExif ? PixelNormaliser.orient(decoded, orientation) : decoded;
    }

    private Mat unchanged(byte[] bytes, ImageHeader head, Integer orientation) throws ThumbnailFailure {
        if (!head.hasDimensions()) {
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The %s header states no dimensions"
                    .formatted(head.format()));
        }
        if (head.pixels() > limits.maxDecodedPixels()) {
            throw tooLarge(head, limits.maxDecodedPixels());
        }
        Mat decoded = decodeWith(bytes, IMREAD_UNCHANGED);
        if (decoded.empty()) {
            decoded.close();
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The %s image could not be decoded".formatted(head.format()));
        }
        Mat bgr = PixelNormaliser.toBgr8(decoded);
        Optional<ICC_Profile> profile = ColourProfiles.nonSrgbProfile(bytes, head.format());
        if (profile.isPresent()) {
            ColourProfiles.toSrgb(bgr, profile.get());
        }
        return PixelNormaliser.orient(bgr, orientation);
    }

    private void checkHeader(ImageHeader head) throws ThumbnailFailure {
        if (head.width() < 0 || head.height() < 0 || head.pixels() > limits.maxPixels()) {
            throw tooLarge(head, limits.maxPixels());
        }
    }

    private static ThumbnailFailure tooLarge(ImageHeader head, long limit) {
        return new ThumbnailFailure(FailureKind.TOO_LARGE, "The %s header claims %d x %d pixels, over the limit of %d"
                .formatted(head.format(), Integer.toUnsignedLong(head.width()), Integer.toUnsignedLong(head.height()),
                        limit));
    }

    /** OpenCV's decode; an exception from a decoder (a corrupt file) reads as an empty image. */
    private static Mat decodeWith(byte[] bytes, int flags) {
        try (Mat encoded = new Mat(1, bytes.length, CV_8UC1)) {
            encoded.data().put(bytes);
            return imdecode(encoded, flags);
        } catch (RuntimeException decoderError) {
            return new Mat();
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static int flagFor(int reduction) {
        return switch (reduction) {
            case 8 -> IMREAD_REDUCED_COLOR_8;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            default -> IMREAD_COLOR;
        };
    }
}
