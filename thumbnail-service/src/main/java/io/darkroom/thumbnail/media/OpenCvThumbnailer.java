package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.darkroom.events.FailureKind;
import io.darkroom.thumbnail.domain.DecodePlan;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes an image once (shrunk in the DCT domain where the sizes allow) and encodes every size from that one
 * decode. OpenCV applies the EXIF orientation while decoding.
 */
public final class OpenCvThumbnailer {

    private final int jpegQuality;

    public OpenCvThumbnailer(int jpegQuality) {
        this.jpegQuality = jpegQuality;
    }

    /** One encoded size. */
    public record Encoded(ThumbnailSize size, int width, int height, byte[] jpeg) {
    }

    public List<Encoded> render(Path original, DecodePlan plan, List<ThumbnailSize> sizes)
            throws IOException, ThumbnailFailure {
        byte[] bytes = Files.readAllBytes(original);
        if (bytes.length == 0) {
            throw new ThumbnailFailure(FailureKind.EMPTY, "The file is empty (0 bytes)");
        }
        try (Mat encoded = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
                Mat decoded = decode(encoded, bytes, plan)) {
            if (decoded.empty()) {
                throw new ThumbnailFailure(FailureKind.CORRUPT, "The image could not be decoded");
            }
            List<Encoded> out = new ArrayList<>(sizes.size());
            for (ThumbnailSize size : sizes) {
                out.add(encode(decoded, size));
            }
            return out;
        }
    }

    private static Mat decode(Mat encoded, byte[] bytes, DecodePlan plan) {
        encoded.data().put(bytes);
        return imdecode(encoded, flagFor(plan.reduction()));
    }

    private Encoded encode(Mat source, ThumbnailSize size) throws ThumbnailFailure {
        ThumbnailSize.Dimensions target = size.targetFor(source.cols(), source.rows());
        try (Mat cropped = size.square() ? centreSquare(source) : new Mat(source); Mat scaled = new Mat()) {
            resize(cropped, scaled, new Size(target.width(), target.height()), 0, 0, INTER_AREA);
            try (BytePointer buffer = new BytePointer()) {
                if (!imencode(".jpg", scaled, buffer, new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality))) {
                    throw new ThumbnailFailure(FailureKind.CORRUPT, "JPEG encoding failed for " + size.name());
                }
                byte[] jpeg = new byte[(int) buffer.limit()];
                buffer.get(jpeg);
                return new Encoded(size, scaled.cols(), scaled.rows(), jpeg);
            }
        }
    }

    private static Mat centreSquare(Mat source) {
        int side = Math.min(source.cols(), source.rows());
        Rect square = new Rect((source.cols() - side) / 2, (source.rows() - side) / 2, side, side);
        return new Mat(source, square);
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
