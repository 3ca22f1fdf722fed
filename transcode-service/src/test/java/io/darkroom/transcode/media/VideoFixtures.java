package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP2;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Small clips written by JavaCV for the tests: a moving gradient (and a 440 Hz tone when asked), in the codecs and
 * containers the transcode decisions depend on.
 */
public final class VideoFixtures {

    public static final int FPS = 25;
    private static final int SAMPLE_RATE = 44_100;

    private VideoFixtures() {
    }

    /** How a clip is written; {@link #clip()} gives MPEG-4 Part 2 in AVI, silent, 320x240, 1 s at 25 fps. */
    public record Spec(String format, String videoCodec, int audioCodec, int width, int height, int frames,
            double rotation, boolean hdr, int[] ticks) {

        public Spec format(String format, String videoCodec) {
            return new Spec(format, videoCodec, audioCodec, width, height, frames, rotation, hdr, ticks);
        }

        public Spec withAudio(int codec) {
            return new Spec(format, videoCodec, codec, width, height, frames, rotation, hdr, ticks);
        }

        public Spec size(int w, int h) {
            return new Spec(format, videoCodec, audioCodec, w, h, frames, rotation, hdr, ticks);
        }

        public Spec frames(int count) {
            return new Spec(format, videoCodec, audioCodec, width, height, count, rotation, hdr, ticks);
        }

        public Spec rotated(double degrees) {
            return new Spec(format, videoCodec, audioCodec, width, height, frames, degrees, hdr, ticks);
        }

        /** 10-bit HEVC tagged BT.2020 / HLG, as an iPhone records HDR. */
        public Spec hlg() {
            return new Spec("mp4", "libx265", audioCodec, width, height, frames, rotation, true, ticks);
        }

        /** Frames placed at these ticks of the 25 fps clock instead of one per tick: a variable frame rate. */
        public Spec atTicks(int... frameTicks) {
            return new Spec(format, videoCodec, audioCodec, width, height, frameTicks.length, rotation, hdr, frameTicks);
        }
    }

    public static Spec clip() {
        return new Spec("avi", "mpeg4", 0, 320, 240, FPS, 0, false, null);
    }

    /** An iPhone-like H.264 + AAC MP4 that browsers play as it is. */
    public static Spec h264Aac() {
        return clip().format("mp4", "libx264").withAudio(AV_CODEC_ID_AAC);
    }

    /** HEVC + AAC in MP4: plays in Safari, not in Chrome or Firefox. */
    public static Spec hevcAac() {
        return clip().format("mp4", "libx265").withAudio(AV_CODEC_ID_AAC);
    }

    public static Path write(Path file, Spec spec) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        int channels = spec.audioCodec() != 0 ? 2 : 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(),
                channels)) {
            recorder.setFormat(spec.format());
            recorder.setVideoCodecName(spec.videoCodec());
            recorder.setFrameRate(FPS);
            recorder.setVideoOption("preset", "ultrafast");
            if ("libx265".equals(spec.videoCodec())) {
                recorder.setVideoOption("x265-params", spec.hdr()
                        ? "log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc"
                        : "log-level=error");
            }
            if (spec.hdr()) {
                recorder.setPixelFormat(AV_PIX_FMT_YUV420P10LE);
            }
            if (spec.rotation() != 0) {
                recorder.setDisplayRotation(spec.rotation());
            }
            if ("mp4".equals(spec.format()) || "mov".equals(spec.format())) {
                recorder.setOption("movflags", "+faststart");
            }
            if (channels > 0) {
                recorder.setAudioCodec(spec.audioCodec());
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioBitrate(96_000);
            }
            recorder.start();
            Frame picture = new Frame(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 3);
            int samplesPerFrame = SAMPLE_RATE / FPS;
            for (int i = 0; i < spec.frames(); i++) {
                paint(picture, i);
                if (spec.ticks() != null) {
                    recorder.setFrameNumber(spec.ticks()[i]);
                }
                recorder.record(picture);
                if (channels > 0) {
                    recorder.recordSamples(SAMPLE_RATE, channels, tone(i * samplesPerFrame, samplesPerFrame, channels));
                }
            }
            recorder.stop();
        }
        return file;
    }

    /** Random bytes under a video's name. */
    public static Path writeCorrupt(Path file, int size, long seed) throws Exception {
        byte[] noise = new byte[size];
        new Random(seed).nextBytes(noise);
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, noise);
    }

    /** The first {@code fraction} of {@code source}'s bytes, as an interrupted copy leaves it. */
    public static Path writeTruncated(Path source, Path file, double fraction) throws Exception {
        byte[] whole = Files.readAllBytes(source);
        return Files.write(file, Arrays.copyOf(whole, (int) (whole.length * fraction)));
    }

    /** {@code source} with its {@code mdat} box emptied: the sample tables remain, every sample is gone. */
    public static Path withEmptyMdat(Path source, Path file) throws Exception {
        byte[] whole = Files.readAllBytes(source);
        ByteBuffer boxes = ByteBuffer.wrap(whole);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 8 <= whole.length) {
            long size = Integer.toUnsignedLong(boxes.getInt(at));
            String type = new String(whole, at + 4, 4, StandardCharsets.US_ASCII);
            if (size == 1) {
                size = boxes.getLong(at + 8);
            } else if (size == 0) {
                size = whole.length - at;
            }
            if ("mdat".equals(type)) {
                out.write(new byte[] {0, 0, 0, 8, 'm', 'd', 'a', 't'});
            } else {
                out.write(whole, at, (int) size);
            }
            at += (int) size;
        }
        return Files.write(file, out.toByteArray());
    }

    private static void paint(Frame frame, int index) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < frame.imageHeight; y++) {
            for (int x = 0; x < frame.imageWidth; x++) {
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) (x + index * 4));
                pixels.put(at + 1, (byte) y);
                pixels.put(at + 2, (byte) (index * 8));
            }
        }
    }

    private static ShortBuffer tone(int first, int count, int channels) {
        ShortBuffer samples = ShortBuffer.allocate(count * channels);
        for (int i = 0; i < count; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * (first + i) / SAMPLE_RATE));
            for (int c = 0; c < channels; c++) {
                samples.put(value);
            }
        }
        return samples.flip();
    }

    /** MP2 audio: a codec browsers do not play in MP4, so the clip must be transcoded. */
    public static final int MP2 = AV_CODEC_ID_MP2;
    public static final int MPEG4 = AV_CODEC_ID_MPEG4;
}
