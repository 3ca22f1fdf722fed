package io.darkroom.thumbnail.media;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Generated test media: every fixture is made here, so the suite runs on a fresh clone. */
final class MediaFixtures {

    private MediaFixtures() {
    }

    static Mat solid(int width, int height, int type, Scalar colour) {
        return new Mat(height, width, type, colour);
    }

    static byte[] encode(String extension, Mat image, int... params) {
        try (BytePointer buffer = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!imencode(extension, image, buffer, p)) {
                throw new IllegalStateException("OpenCV cannot write " + extension);
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /** The JPEG with an APP2 ICC_PROFILE segment right after SOI. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] marker = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + marker.length + 2 + profile.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF).put((byte) 0xE2).putShort((short) length).put(marker).put((byte) 1).put((byte) 1)
                .put(profile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * An ICC v2 matrix/TRC display profile: D50-adapted colorants (rows r, g, b of XYZ) and one gamma curve for
     * all three channels.
     */
    static byte[] matrixProfile(String description, double[][] colorants, double gamma) {
        byte[] desc = descTag(description);
        byte[] wtpt = xyzTag(0.9642, 1.0, 0.8249);
        byte[][] tags = {desc, wtpt, xyzTag(colorants[0]), xyzTag(colorants[1]), xyzTag(colorants[2]),
            curveTag(gamma), textTag("public domain test profile")};
        String[] signatures = {"desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "cprt"};
        int tableSize = 4 + 12 * (signatures.length + 2);
        int offset = 128 + tableSize;
        ByteBuffer data = ByteBuffer.allocate(8192);
        data.position(offset);
        int[] offsets = new int[tags.length];
        for (int i = 0; i < tags.length; i++) {
            offsets[i] = data.position();
            data.put(tags[i]);
            while (data.position() % 4 != 0) {
                data.put((byte) 0);
            }
        }
        int size = data.position();
        data.position(0);
        data.putInt(size).putInt(0).putInt(0x02100000).put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
        data.position(36);
        data.put(ascii("acsp"));
        data.position(68);
        data.putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249));
        data.position(128);
        data.putInt(signatures.length + 2);
        for (int i = 0; i < signatures.length; i++) {
            data.put(ascii(signatures[i])).putInt(offsets[i]).putInt(tags[i].length);
        }
        // gTRC and bTRC share rTRC's curve
        data.put(ascii("gTRC")).putInt(offsets[5]).putInt(tags[5].length);
        data.put(ascii("bTRC")).putInt(offsets[5]).putInt(tags[5].length);
        byte[] profile = new byte[size];
        data.position(0);
        data.get(profile);
        return profile;
    }

    private static byte[] descTag(String text) {
        byte[] chars = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tag = ByteBuffer.allocate(12 + chars.length + 8 + 3 + 67);
        tag.put(ascii("desc")).putInt(0).putInt(chars.length).put(chars).putInt(0).putInt(0).putShort((short) 0)
                .put((byte) 0);
        return tag.array();
    }

    private static byte[] textTag(String text) {
        byte[] chars = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + chars.length).put(ascii("text")).putInt(0).put(chars).array();
    }

    private static byte[] xyzTag(double... xyz) {
        return ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0).putInt(s15(xyz[0])).putInt(s15(xyz[1]))
                .putInt(s15(xyz[2])).array();
    }

    private static byte[] curveTag(double gamma) {
        return ByteBuffer.allocate(14).put(ascii("curv")).putInt(0).putInt(1)
                .putShort((short) Math.round(gamma * 256)).array();
    }

    private static int s15(double v) {
        return (int) Math.round(v * 65536);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A 4-channel (CMYK) JPEG written by the JDK, every pixel holding {@code cmyk} as stored bytes. */
    static byte[] cmykJpeg(int width, int height, int... cmyk) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, cmyk);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A GIF of several frames, one flat colour each. */
    static byte[] animatedGif(int width, int height, Color... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (Color colour : frames) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                var g = frame.createGraphics();
                g.setColor(colour);
                g.fillRect(0, 0, width, height);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Records BGR frames with FFmpeg: {@code format} "webp" (animated, libwebp_anim), "avif" or "mp4". */
    static Path record(Path file, String format, String codec, int pixelFormat, double fps, Mat... frames)
            throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), frames[0].cols(), frames[0].rows(), 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat(format);
            recorder.setVideoCodecName(codec);
            recorder.setPixelFormat(pixelFormat);
            recorder.setFrameRate(fps);
            if (codec.equals("libaom-av1")) {
                recorder.setVideoOption("cpu-used", "8");
                recorder.setVideoOption("still-picture", "1");
            }
            recorder.start();
            for (Mat frame : frames) {
                recorder.record(converter.convert(frame));
            }
            recorder.stop();
        }
        return file;
    }

    static int yuv420p() {
        return avutil.AV_PIX_FMT_YUV420P;
    }

    /** A flat colour with a white block, so a frame has contrast. */
    static Mat scene(int width, int height, Scalar colour) {
        Mat frame = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3, colour);
        rectangle(frame, new Point(width / 8, height / 8), new Point(width / 3, height / 3), new Scalar(255, 255, 255, 0),
                -1, 8, 0);
        return frame;
    }

    /** A RAW-like file: a TIFF header, noise standing for sensor data, and two embedded JPEGs. */
    static byte[] fakeRaw(byte[] smallPreview, byte[] largePreview) {
        Random noise = new Random(7);
        byte[] sensor = new byte[50_000];
        noise.nextBytes(sensor);
        for (int i = 0; i + 1 < sensor.length; i++) {
            if ((sensor[i] & 0xFF) == 0xFF) {
                sensor[i] = 0x00; // no stray markers in the "sensor data"
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes(smallPreview);
        out.writeBytes(sensor);
        out.writeBytes(largePreview);
        out.writeBytes(sensor);
        return out.toByteArray();
    }

    /** The average BGR colour of a decoded JPEG's centre region. */
    static double[] centreColour(byte[] jpeg) {
        try (Mat image = org.bytedeco.opencv.global.opencv_imgcodecs.imdecode(new Mat(new BytePointer(jpeg)),
                org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR)) {
            return regionColour(image, 0.4, 0.4, 0.6, 0.6);
        }
    }

    static double[] regionColour(Mat image, double x0, double y0, double x1, double y1) {
        org.bytedeco.opencv.opencv_core.Rect area = new org.bytedeco.opencv.opencv_core.Rect(
                (int) (image.cols() * x0), (int) (image.rows() * y0),
                Math.max(1, (int) (image.cols() * (x1 - x0))), Math.max(1, (int) (image.rows() * (y1 - y0))));
        try (Mat region = new Mat(image, area)) {
            Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(region);
            return new double[] {mean.get(0), mean.get(1), mean.get(2)};
        }
    }
}
