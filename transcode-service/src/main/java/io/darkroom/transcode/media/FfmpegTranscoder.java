package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import io.darkroom.events.FailureKind;
import io.darkroom.transcode.domain.FilterGraph;
import io.darkroom.transcode.domain.TimestampGrid;
import io.darkroom.transcode.domain.TranscodeFailure;
import io.darkroom.transcode.domain.TranscodePlan;
import io.darkroom.transcode.domain.VideoProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * FFmpeg in-process through JavaCV: probe a video, and transcode it to H.264 High/AAC MP4 with a given encoder.
 * Decoded frames stay in the decoder's pixel format until the filter graph (scale, tone-map) turns them into the
 * encoder's 8-bit 4:2:0, as the ffmpeg CLI's pipeline does.
 */
public final class FfmpegTranscoder {

    /** The CPU encoder, always present in the GPL build; the fallback for every GPU encoder. */
    public static final String CPU_ENCODER = "libx264";

    private final int crf;
    private final String preset;

    public FfmpegTranscoder(int crf, String preset) {
        this.crf = crf;
        this.preset = preset;
    }

    /** Called for every encoded video frame (cheap), with its source timestamp and the frames done so far. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (timestampMicros, frames) -> { };

        void frameDone(long timestampMicros, long frames) throws TranscodeFailure;
    }

    /** The encoder could not be opened or refused a frame: a GPU encoder's failure is retried on the CPU. */
    public static final class EncoderFailed extends Exception {
        EncoderFailed(String encoder, Exception cause) {
            super(encoder + " failed: " + FfmpegErrors.describe(cause), cause);
        }
    }

    public VideoProbe probe(Path video) throws TranscodeFailure, IOException {
        if (Files.size(video) == 0) {
            throw new TranscodeFailure(FailureKind.EMPTY, "The file is empty (0 bytes)", null);
        }
        FfmpegErrors.begin();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            AVStream stream = videoStream(grabber.getFormatContext())
                    .orElseThrow(() -> new TranscodeFailure(FailureKind.UNSUPPORTED, "The file has no video stream", null));
            AVCodecParameters parameters = stream.codecpar();
            String audio = grabber.hasAudio() && grabber.getAudioChannels() > 0 ? grabber.getAudioCodecName() : null;
            VideoProbe probe = new VideoProbe(grabber.getFormat(), grabber.getVideoCodecName(), audio,
                    parameters.width(), parameters.height(), parameters.bit_rate(), durationMillis(stream, grabber),
                    name(av_get_pix_fmt_name(parameters.format())),
                    name(avcodec_profile_name(parameters.codec_id(), parameters.profile())),
                    parameters.color_primaries() == AVCOL_PRI_UNSPECIFIED ? null
                            : name(av_color_primaries_name(parameters.color_primaries())),
                    parameters.color_trc() == AVCOL_TRC_UNSPECIFIED ? null
                            : name(av_color_transfer_name(parameters.color_trc())),
                    parameters.color_space() == AVCOL_SPC_UNSPECIFIED ? null
                            : name(av_color_space_name(parameters.color_space())),
                    grabber.getDisplayRotation(), av_q2d(stream.r_frame_rate()), av_q2d(stream.avg_frame_rate()));
            grabber.stop();
            return probe;
        } catch (FrameGrabber.Exception e) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "FFmpeg could not open the video: "
                    + FfmpegErrors.describe(e), e);
        }
    }

    /**
     * Writes the transcode of {@code source} to {@code target} with {@code encoder}. A decode error is the file's
     * fault ({@link TranscodeFailure}, CORRUPT); an encoder error is the encoder's ({@link EncoderFailed}).
     */
    public void transcode(Path source, VideoProbe probe, Path target, TranscodePlan plan, String encoder,
            Progress progress) throws TranscodeFailure, EncoderFailed {
        String filters = FilterGraph.of(probe, plan);
        TimestampGrid grid = new TimestampGrid(plan.frameRate());
        long frames = 0;
        long lastTimestamp = 0;
        FfmpegErrors.begin();
        VideoFilter filter = null;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.setVideoOption("threads", "auto");
            // The decoder's own frames, unconverted: the filter graph converts once, at the output size.
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            int audioChannels = plan.audio() ? grabber.getAudioChannels() : 0;
            try (FFmpegFrameRecorder recorder = recorder(target, plan, encoder, audioChannels, grabber)) {
                startEncoder(recorder, encoder);
                for (Frame frame = grabber.grab(); frame != null; frame = grabber.grab()) {
                    if (frame.image != null && frame.opaque instanceof AVFrame picture) {
                        if (filter == null) {
                            filter = new VideoFilter(filters, picture.width(), picture.height(), picture.format(),
                                    plan.width(), plan.height());
                        }
                        long tick = grid.tick(frame.timestamp);
                        filter.filter(picture, packed -> encode(recorder, encoder, plan, packed, tick));
                        lastTimestamp = frame.timestamp;
                        progress.frameDone(frame.timestamp, ++frames);
                    } else if (frame.samples != null && audioChannels > 0) {
                        encodeAudio(recorder, encoder, frame);
                    }
                }
                try {
                    recorder.stop();
                } catch (FrameRecorder.Exception e) {
                    throw new EncoderFailed(encoder, e);
                }
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | VideoFilter.FilterException e) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "FFmpeg could not decode the video: "
                    + FfmpegErrors.describe(e), e);
        } catch (FrameRecorder.Exception e) {
            // Closing the recorder (the try-with-resources) failed: the output is not usable.
            throw new EncoderFailed(encoder, e);
        } finally {
            if (filter != null) {
                filter.close();
            }
        }
        checkComplete(probe, frames, lastTimestamp);
    }

    /** A file cut short decodes without an error until its data ends: its frames stop well before its duration. */
    private static void checkComplete(VideoProbe probe, long frames, long lastTimestampMicros)
            throws TranscodeFailure {
        if (frames == 0) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "FFmpeg decoded no video frame", null);
        }
        long frameMillis = Math.round(1000 / Math.max(1, probe.averageFrameRate()));
        long expectedEnd = probe.durationMillis() - 2 * frameMillis;
        if (probe.durationMillis() > 0 && lastTimestampMicros / 1000 < expectedEnd * 0.9) {
            throw new TranscodeFailure(FailureKind.CORRUPT, "The video is truncated: its frames end at %.1f s of %.1f s"
                    .formatted(lastTimestampMicros / 1e6, probe.durationMillis() / 1e3), null);
        }
    }

    private FFmpegFrameRecorder recorder(Path target, TranscodePlan plan, String encoder, int audioChannels,
            FFmpegFrameGrabber grabber) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), plan.width(), plan.height(),
                audioChannels);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(encoder);
        recorder.setPixelFormat("h264_qsv".equals(encoder) ? AV_PIX_FMT_NV12 : AV_PIX_FMT_YUV420P);
        EncoderSettings.of(encoder, crf, preset).forEach(recorder::setVideoOption);
        // faststart: the index goes first, so playback starts before the download ends.
        recorder.setOption("movflags", "+faststart");
        recorder.setFrameRate(plan.frameRate());
        recorder.setDisplayRotation(plan.rotation());
        if (audioChannels > 0) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(grabber.getSampleRate());
            recorder.setAudioBitrate(128_000);
        }
        return recorder;
    }

    private static void startEncoder(FFmpegFrameRecorder recorder, String encoder) throws EncoderFailed {
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new EncoderFailed(encoder, e);
        }
    }

    private static void encode(FFmpegFrameRecorder recorder, String encoder, TranscodePlan plan,
            java.nio.ByteBuffer packed, long tick) throws EncoderFailed {
        try {
            recorder.setFrameNumber((int) tick);
            recorder.recordImage(plan.width(), plan.height(), Frame.DEPTH_UBYTE, 1, plan.width(), AV_PIX_FMT_YUV420P,
                    packed);
        } catch (FrameRecorder.Exception e) {
            throw new EncoderFailed(encoder, e);
        }
    }

    private static void encodeAudio(FFmpegFrameRecorder recorder, String encoder, Frame frame) throws EncoderFailed {
        try {
            recorder.record(frame);
        } catch (FrameRecorder.Exception e) {
            throw new EncoderFailed(encoder, e);
        }
    }

    /** The video stream's own duration (a container's may be stretched by a badly muxed audio stream). */
    private static long durationMillis(AVStream stream, FFmpegFrameGrabber grabber) {
        if (stream.duration() > 0 && stream.time_base().den() > 0) {
            return Math.round(stream.duration() * av_q2d(stream.time_base()) * 1000);
        }
        return grabber.getLengthInTime() / 1000;
    }

    private static Optional<AVStream> videoStream(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    private static String name(BytePointer pointer) {
        return pointer == null || pointer.isNull() ? null : pointer.getString();
    }
}
