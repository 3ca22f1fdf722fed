package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.darkroom.transcode.domain.EncoderDetection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;

/**
 * Finds a usable GPU H.264 encoder by opening each candidate, in order, on a small system-memory frame format:
 * a name in the build says nothing about the driver and the device, an open encoder does.
 */
public final class GpuEncoders {

    private GpuEncoders() {
    }

    public static EncoderDetection detect(List<String> candidates) {
        Map<String, String> rejected = new LinkedHashMap<>();
        for (String name : candidates) {
            String reason = tryOpen(name);
            if (reason == null) {
                return new EncoderDetection(name, rejected);
            }
            rejected.put(name, reason);
        }
        return new EncoderDetection(null, rejected);
    }

    /** Null when the encoder opened, else why not. */
    static String tryOpen(String name) {
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null || codec.isNull()) {
            return "not in this FFmpeg build";
        }
        FfmpegErrors.begin();
        AVCodecContext context = avcodec_alloc_context3(codec);
        try {
            context.width(640).height(480).time_base(av_make_q(1, 30)).framerate(av_make_q(30, 1));
            // The frames this service hands an encoder: 4:2:0 in system memory (NV12 for Quick Sync). h264_vaapi
            // wants hardware frames and refuses these, which is reported as its reason.
            context.pix_fmt("h264_qsv".equals(name) ? AV_PIX_FMT_NV12 : AV_PIX_FMT_YUV420P);
            int result = avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
            String logged = FfmpegErrors.lastError();
            return result < 0 ? "cannot be opened: " + error(result) + (logged == null ? "" : " " + logged) : null;
        } catch (RuntimeException e) {
            return "cannot be opened: " + e.getMessage();
        } finally {
            avcodec_free_context(context);
        }
    }

    private static String error(int code) {
        return FfmpegErrors.text(code) + " (" + code + ")";
    }
}
