package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;

import io.darkroom.events.FailureKind;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVStreamGroup;
import org.bytedeco.ffmpeg.avformat.AVStreamGroupTileGrid;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pictures that only FFmpeg decodes: HEIC/HEIF and AVIF stills, GIF (first frame), and a poster frame of a
 * video. The dimensions FFmpeg reads from the container are checked against the pixel limit before any
 * frame is decoded.
 */
public final class FfmpegFrames {

    /** A frame whose mean brightness is under this (0..255) counts as black (a fade-in, a lens cap). */
    static final double DARK_MEAN = 24;
    /** A frame with less contrast than this (standard deviation, 0..255) counts as blank. */
    static final double FLAT_STDDEV = 6;
    /** Where the poster frame is looked for, as fractions of the duration, in order of preference. */
    private static final double[] POSTER_MOMENTS = {0.10, 0.25, 0.50, 0.75};

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_QUIET);
    }

    private final long maxPixels;

    public FfmpegFrames(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * The first picture of a still or animated image, as 8-bit BGR, upright. A HEIF/AVIF tile grid is composed
     * and turned by {@code orientation} (FFmpeg 7.1 exports no rotation for a grid); a single picture is
     * turned by its container's rotation. Of several pictures (a HEIF's thumbnail beside the image), the
     * largest is taken. A HEIF/AVIF that FFmpeg cannot read is tried once more as a {@link HeifRepair repaired}
     * copy; if that fails too, the original's failure is reported.
     */
    public Mat still(Path file, Integer orientation) throws ThumbnailFailure {
        try {
            return stillAsItIs(file, orientation);
        } catch (ThumbnailFailure failure) {
            if (failure.kind() != FailureKind.CORRUPT) {
                throw failure;
            }
            Optional<Path> repaired;
            try {
                repaired = HeifRepair.repairedCopy(file);
            } catch (IOException | RuntimeException e) {
                throw failure; // no copy (a full temporary folder, say): the original's reason stands
            }
            if (repaired.isEmpty()) {
                throw failure;
            }
            try {
                return stillAsItIs(repaired.get(), orientation);
            } catch (ThumbnailFailure second) {
                throw failure;
            } finally {
                deleteQuietly(repaired.get());
            }
        }
    }

    private static void deleteQuietly(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            copy.toFile().deleteOnExit(); // a temporary file; try again at exit
        }
    }

    /** {@link #still} without the repair: package-private for the tests that show a layout needs it. */
    Mat stillAsItIs(Path file, Integer orientation) throws ThumbnailFailure {
        try (FFmpegFrameGrabber grabber = open(file, -1)) {
            AVFormatContext format = grabber.getFormatContext();
            AVStreamGroup grid = HeifGrid.group(format);
            if (grid != null) {
                AVStreamGroupTileGrid tiles = grid.params_tile_grid();
                if ((long) tiles.width() * tiles.height() > maxPixels) {
                    throw new ThumbnailFailure(FailureKind.TOO_LARGE, "The image grid has %d x %d pixels, over the limit of %d"
                            .formatted(tiles.width(), tiles.height(), maxPixels));
                }
                return PixelNormaliser.orient(HeifGrid.compose(format, grid), orientation);
            }
            int largest = largestPictureStream(format);
            if (largest >= 0 && pixelsOf(format.streams(largest)) > (long) grabber.getImageWidth() * grabber.getImageHeight()) {
                try (FFmpegFrameGrabber main = open(file, largest)) {
                    return firstPicture(main);
                }
            }
            return firstPicture(grabber);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new ThumbnailFailure(FailureKind.CORRUPT, "FFmpeg could not decode the picture: " + message(e, file));
        }
    }

    private Mat firstPicture(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception, ThumbnailFailure {
        Mat picture = grab(grabber);
        if (picture == null) {
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The file holds no decodable picture");
        }
        return upright(picture, grabber);
    }

    private static int largestPictureStream(AVFormatContext format) {
        int best = -1;
        long bestPixels = 0;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO && pixelsOf(stream) > bestPixels) {
                best = i;
                bestPixels = pixelsOf(stream);
            }
        }
        return best;
    }

    private static long pixelsOf(AVStream stream) {
        return (long) stream.codecpar().width() * stream.codecpar().height();
    }

    /**
     * A representative frame of a video: the first of the frames at 10 %, 25 %, 50 % and 75 % of the duration
     * that is neither dark nor flat, else the one with the most contrast. Never the first frame, which is
     * black in many clips.
     */
    public Mat poster(Path file) throws ThumbnailFailure {
        try (FFmpegFrameGrabber grabber = open(file, -1)) {
            long duration = grabber.getLengthInTime(); // microseconds, 0 when unknown
            Mat best = null;
            double bestContrast = -1;
            for (double moment : POSTER_MOMENTS) {
                if (duration > 0) {
                    try {
                        grabber.setTimestamp((long) (duration * moment));
                    } catch (FrameGrabber.Exception unseekable) {
                        duration = 0; // take the frames as they come
                    }
                }
                Mat frame = grab(grabber);
                if (frame == null) {
                    continue;
                }
                double[] stats = brightness(frame);
                if (stats[0] >= DARK_MEAN && stats[1] >= FLAT_STDDEV) {
                    if (best != null) {
                        best.close();
                    }
                    return upright(frame, grabber);
                }
                if (stats[1] > bestContrast) {
                    if (best != null) {
                        best.close();
                    }
                    best = frame;
                    bestContrast = stats[1];
                } else {
                    frame.close();
                }
                if (duration <= 0) {
                    break;
                }
            }
            if (best == null) {
                // Seeking found nothing (a broken index, a clip shorter than its header says): the first frame.
                try (FFmpegFrameGrabber again = open(file, -1)) {
                    Mat first = grab(again);
                    if (first == null) {
                        throw new ThumbnailFailure(FailureKind.CORRUPT, "The video holds no decodable frame");
                    }
                    return upright(first, again);
                }
            }
            return upright(best, grabber);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new ThumbnailFailure(FailureKind.CORRUPT, "FFmpeg could not decode the video: " + message(e, file));
        }
    }

    private FFmpegFrameGrabber open(Path file, int stream) throws FrameGrabber.Exception, ThumbnailFailure {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        if (stream >= 0) {
            grabber.setVideoStream(stream);
        }
        grabber.setOption("threads", "1"); // parallelism comes from the worker pool, one item per core
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw e;
        }
        long pixels = (long) grabber.getImageWidth() * grabber.getImageHeight();
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            grabber.close();
            throw new ThumbnailFailure(FailureKind.CORRUPT, "The file holds no picture stream");
        }
        if (pixels > maxPixels) {
            grabber.close();
            throw new ThumbnailFailure(FailureKind.TOO_LARGE, "The picture has %d x %d pixels, over the limit of %d"
                    .formatted(grabber.getImageWidth(), grabber.getImageHeight(), maxPixels));
        }
        return grabber;
    }

    /** The next picture as an 8-bit BGR copy (the grabber reuses its buffers), or null at the end. */
    private static Mat grab(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        Frame frame = grabber.grabImage();
        if (frame == null || frame.image == null) {
            return null;
        }
        if (grabber.getPixelFormat() == avutil.AV_PIX_FMT_BGR24) {
            // JavaCV takes the channels as row stride / width, wrong where its rows are padded (8 px wide: 24)
            frame.imageChannels = 3;
        }
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            Mat view = converter.convert(frame);
            return PixelNormaliser.toBgr8(view.clone());
        }
    }

    private static Mat upright(Mat picture, FFmpegFrameGrabber grabber) {
        return PixelNormaliser.rotateCounterClockwise(picture, grabber.getDisplayRotation());
    }

    private static double[] brightness(Mat bgr) {
        try (Mat mean = new Mat(); Mat stddev = new Mat()) {
            meanStdDev(bgr, mean, stddev);
            double m = 0;
            double s = 0;
            for (int c = 0; c < 3; c++) {
                m += mean.ptr(c).getDouble() / 3;
                s += stddev.ptr(c).getDouble() / 3;
            }
            return new double[] {m, s};
        }
    }

    /**
     * JavaCV's message as a reason the API can show: the file by its name, not the server's folder, and without
     * JavaCV's hints to programmers ("Has setFormat() been called?").
     */
    private static String message(Exception e, Path file) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace(file.toAbsolutePath().toString(), file.getFileName().toString())
                .replace(file.toString(), file.getFileName().toString())
                .replace(" (Has setFormat() been called?)", "")
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "")
                .strip();
    }
}
