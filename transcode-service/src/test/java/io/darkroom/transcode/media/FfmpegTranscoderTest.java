package io.darkroom.transcode.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import io.darkroom.events.FailureKind;
import io.darkroom.transcode.domain.PlaybackPolicy;
import io.darkroom.transcode.domain.TranscodeFailure;
import io.darkroom.transcode.domain.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTranscoderTest {

    @TempDir
    Path temp;

    private final FfmpegTranscoder ffmpeg = new FfmpegTranscoder(28, "ultrafast");

    @Test
    void anMpeg4AviBecomesH264Mp4CappedAtTheMaximumEdge() throws Exception {
        Path clip = clip(temp.resolve("clip.avi"), 320, 240);
        Path out = temp.resolve("out.mp4");

        ffmpeg.transcode(clip, out, new PlaybackPolicy(160, 25_000_000, false));

        VideoProbe probe = ffmpeg.probe(out);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).as("a silent video stays silent").isNull();
        assertThat(probe.width()).isEqualTo(160);
        assertThat(probe.height()).isEqualTo(120);
        assertThat(probe.durationMillis()).isBetween(800L, 1200L);
    }

    @Test
    void aTruncatedVideoIsReportedWithFfmpegsMessage() throws Exception {
        Path clip = clip(temp.resolve("whole.avi"), 320, 240);
        Path truncated = Files.write(temp.resolve("truncated.avi"), Arrays.copyOf(Files.readAllBytes(clip), 100));

        assertThatThrownBy(() -> ffmpeg.probe(truncated)).isInstanceOfSatisfying(TranscodeFailure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.CORRUPT));
    }

    /** One second of a moving gradient, MPEG-4 Part 2 in AVI: a format browsers do not play. */
    static Path clip(Path file, int width, int height) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(25);
            recorder.start();
            for (int i = 0; i < 25; i++) {
                Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
                java.nio.ByteBuffer pixels = (java.nio.ByteBuffer) frame.image[0];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int at = y * frame.imageStride + x * 3;
                        pixels.put(at, (byte) (x + i * 4));
                        pixels.put(at + 1, (byte) y);
                        pixels.put(at + 2, (byte) (i * 8));
                    }
                }
                recorder.record(frame);
            }
            recorder.stop();
        }
        return file;
    }
}
