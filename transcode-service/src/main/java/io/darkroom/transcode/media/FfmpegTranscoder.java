package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.darkroom.events.FailureKind;
import io.darkroom.transcode.domain.PlaybackPolicy;
import io.darkroom.transcode.domain.TranscodeFailure;
import io.darkroom.transcode.domain.VideoProbe;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/** FFmpeg in-process through JavaCV: probe a video, and transcode it to H.264/AAC MP4 on the CPU (libx264). */
public final class FfmpegTranscoder {

    static {
        // Route FFmpeg's own log lines through JavaCV instead of raw stderr.
        FFmpegLogCallback.set();
    }

    private final int crf;
    private final String preset;

    public FfmpegTranscoder(int crf, String preset) {
        this.crf = crf;
        this.preset = preset;
    }

    public VideoProbe probe(Path video) throws TranscodeFailure {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new TranscodeFailure(FailureKind.UNSUPPORTED, "The file has no video stream", null);
            }
            String audio = grabber.getAudioChannels() > 0 ? grabber.getAudioCodecName() : null;
            VideoProbe probe = new VideoProbe(grabber.getFormat(), grabber.getVideoCodecName(), audio,
                    grabber.getImageWidth(), grabber.getImageHeight(), grabber.getVideoBitrate(),
                    grabber.getLengthInTime() / 1000);
            grabber.stop();
            return probe;
        } catch (FrameGrabber.Exception e) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "FFmpeg could not open the video: " + e.getMessage(), e);
        }
    }

    /** Writes the transcode to {@code target}, which the caller renames into place when this returns. */
    public void transcode(Path source, Path target, PlaybackPolicy policy) throws TranscodeFailure {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            int[] size = policy.outputSize(grabber.getImageWidth(), grabber.getImageHeight());
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), size[0], size[1],
                    grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
                recorder.setVideoOption("crf", Integer.toString(crf));
                recorder.setVideoOption("preset", preset);
                recorder.setVideoOption("profile", "high");
                // faststart: the index goes first, so playback starts before the download ends.
                recorder.setOption("movflags", "+faststart");
                recorder.setFrameRate(grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 30);
                recorder.setDisplayRotation(grabber.getDisplayRotation());
                if (grabber.getAudioChannels() > 0) {
                    recorder.setAudioCodec(AV_CODEC_ID_AAC);
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioBitrate(128_000);
                }
                recorder.start();
                for (Frame frame = grabber.grab(); frame != null; frame = grabber.grab()) {
                    recorder.record(frame);
                }
                recorder.stop();
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "FFmpeg failed: " + e.getMessage(), e);
        }
    }
}
