package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes an item once ({@link MediaDecoder}: shrunk in the DCT domain where the sizes allow, upright, sRGB)
 * and encodes every size from that one decode with area averaging (INTER_AREA), which does not alias.
 */
public final class OpenCvThumbnailer {

    static {
        // One item per core comes from the worker pool; OpenCV's own threads on top only add contention.
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    }

    private final int jpegQuality;
    private final MediaDecoder decoder;

    public OpenCvThumbnailer(int jpegQuality, MediaDecoder.Limits limits) {
        this.jpegQuality = jpegQuality;
        this.decoder = new MediaDecoder(limits);
    }

    /** One encoded size. */
    public record Encoded(ThumbnailSize size, int width, int height, byte[] jpeg) {
    }

    public List<Encoded> render(Path original, MediaKind kind, Integer orientation, List<ThumbnailSize> sizes)
            throws IOException, ThumbnailFailure {
        try (Mat decoded = decoder.decode(original, kind, orientation, sizes)) {
            if (decoded.empty()) {
                throw new ThumbnailFailure(FailureKind.CORRUPT, "The image could not be decoded");
            }
            return render(decoded, sizes);
        } catch (RuntimeException nativeError) {
            // OpenCV and FFmpeg report bad input as exceptions from native code: bad media, not a worker crash.
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The picture could not be processed: "
                    + firstLine(nativeError.getMessage()));
        }
    }

    /**
     * Every size from one upright 8-bit BGR image, in the order of {@code sizes}. Fits are made largest first,
     * each from the one before (area averaging over fewer pixels); a tile is cut from the smallest image made so
     * far that is still at least twice its edge, else from the decode.
     */
    public List<Encoded> render(Mat decoded, List<ThumbnailSize> sizes) throws ThumbnailFailure {
        Map<ThumbnailSize, Encoded> made = new HashMap<>();
        List<Mat> intermediates = new ArrayList<>();
        try {
            Mat source = decoded;
            List<ThumbnailSize> fits = sizes.stream().filter(s -> !s.square())
                    .sorted(Comparator.comparingInt(ThumbnailSize::edge).reversed()).toList();
            for (ThumbnailSize fit : fits) {
                Mat scaled = new Mat();
                made.put(fit, encode(source, fit, scaled));
                if (!scaled.empty()) {
                    intermediates.add(scaled);
                    source = scaled;
                } else {
                    scaled.close();
                }
            }
            for (ThumbnailSize tile : sizes) {
                if (tile.square()) {
                    Mat from = decoded;
                    for (Mat candidate : intermediates) {
                        if (Math.min(candidate.cols(), candidate.rows()) >= 2 * tile.edge()) {
                            from = candidate; // intermediates shrink, so the last match is the smallest
                        }
                    }
                    try (Mat unused = new Mat()) {
                        made.put(tile, encode(from, tile, unused));
                    }
                }
            }
        } finally {
            intermediates.forEach(Mat::close);
        }
        List<Encoded> out = new ArrayList<>(sizes.size());
        for (ThumbnailSize size : sizes) {
            out.add(made.get(size));
        }
        return out;
    }

    /** Encodes one size; a resized fit is left in {@code scaled} for the next, smaller size. */
    private Encoded encode(Mat source, ThumbnailSize size, Mat scaled) throws ThumbnailFailure {
        ThumbnailSize.Dimensions target = size.targetFor(source.cols(), source.rows());
        try (Mat cropped = size.square() ? centreSquare(source) : new Mat(source); BytePointer buffer = new BytePointer();
                IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality)) {
            Mat toEncode = cropped;
            if (target.width() != cropped.cols() || target.height() != cropped.rows()) {
                resize(cropped, scaled, new Size(target.width(), target.height()), 0, 0, INTER_AREA);
                toEncode = scaled;
            }
            if (!imencode(".jpg", toEncode, buffer, params)) {
                throw new ThumbnailFailure(FailureKind.CORRUPT, "JPEG encoding failed for " + size.name());
            }
            byte[] jpeg = new byte[(int) buffer.limit()];
            buffer.get(jpeg);
            return new Encoded(size, toEncode.cols(), toEncode.rows(), jpeg);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "decoder error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    private static Mat centreSquare(Mat source) {
        int side = Math.min(source.cols(), source.rows());
        Rect square = new Rect((source.cols() - side) / 2, (source.rows() - side) / 2, side, side);
        return new Mat(source, square);
    }
}
