package io.darkroom.transcode.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Reads what the tests check in an output: the MP4's top-level boxes and its video frames' timestamps. */
public final class Mp4Boxes {

    private Mp4Boxes() {
    }

    /** The top-level box types in file order, e.g. {@code [ftyp, moov, free, mdat]} for a faststart file. */
    public static List<String> topLevel(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(mp4.toFile(), "r")) {
            long at = 0;
            while (at + 8 <= file.length()) {
                file.seek(at);
                long size = Integer.toUnsignedLong(file.readInt());
                byte[] type = new byte[4];
                file.readFully(type);
                if (size == 1) {
                    size = file.readLong();
                } else if (size == 0) {
                    size = file.length() - at;
                }
                types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                if (size < 8) {
                    break;
                }
                at += size;
            }
        }
        return types;
    }

    /** Presentation timestamps (µs) of every video frame, in decoding order of output. */
    public static List<Long> videoTimestamps(Path video) throws Exception {
        List<Long> timestamps = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                timestamps.add(frame.timestamp);
            }
            grabber.stop();
        }
        return timestamps;
    }

    /** Mean blue, green and red (0..255) of the first video frame, decoded to BGR by FFmpeg. */
    public static double[] meanBgrOfFirstFrame(Path video) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            Frame frame = grabber.grabImage();
            java.nio.ByteBuffer pixels = (java.nio.ByteBuffer) frame.image[0];
            double[] sums = new double[3];
            for (int y = 0; y < frame.imageHeight; y++) {
                for (int x = 0; x < frame.imageWidth; x++) {
                    for (int c = 0; c < 3; c++) {
                        sums[c] += pixels.get(y * frame.imageStride + x * 3 + c) & 0xff;
                    }
                }
            }
            grabber.stop();
            double count = (double) frame.imageWidth * frame.imageHeight;
            return new double[] {sums[0] / count, sums[1] / count, sums[2] / count};
        }
    }
}
