package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An FFmpeg filter graph fed with the decoder's own frames (their planes and line sizes as they are) and drained
 * into one tightly packed YUV 4:2:0 buffer, the layout JavaCV's recorder reads. JavaCV's own FFmpegFrameFilter and
 * the grabber's converted frames assume packed planes, which padded line sizes (e.g. a 854 or 1000 px wide
 * frame) break: the chroma is then read from the wrong place.
 */
final class VideoFilter implements AutoCloseable {

    /** Receives each filtered picture, packed: Y, then U, then V, no padding. */
    @FunctionalInterface
    interface Sink {
        void accept(ByteBuffer packedYuv420) throws FfmpegTranscoder.EncoderFailed;
    }

    private final AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final AVFrame filtered = av_frame_alloc();
    private final int width;
    private final int height;
    private final BytePointer packed;

    VideoFilter(String filters, int inWidth, int inHeight, int inPixelFormat, int outWidth, int outHeight) {
        this.width = outWidth;
        this.height = outHeight;
        this.graph = avfilter_graph_alloc();
        AVFilterContext src = new AVFilterContext();
        AVFilterContext out = new AVFilterContext();
        String args = "video_size=%dx%d:pix_fmt=%s:time_base=1/1000000:pixel_aspect=1/1"
                .formatted(inWidth, inHeight, av_get_pix_fmt_name(inPixelFormat).getString());
        check(avfilter_graph_create_filter(src, avfilter_get_by_name("buffer"), "in", args, null, graph),
                "buffer source");
        check(avfilter_graph_create_filter(out, avfilter_get_by_name("buffersink"), "out", null, null, graph),
                "buffer sink");
        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            outputs.name(av_strdup(new BytePointer("in"))).filter_ctx(src).pad_idx(0).next(null);
            inputs.name(av_strdup(new BytePointer("out"))).filter_ctx(out).pad_idx(0).next(null);
            check(avfilter_graph_parse_ptr(graph, filters, inputs, outputs, null), "filter graph " + filters);
            check(avfilter_graph_config(graph, null), "filter graph " + filters);
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
        this.source = src;
        this.sink = out;
        this.packed = new BytePointer(av_image_get_buffer_size(AV_PIX_FMT_YUV420P, outWidth, outHeight, 1));
    }

    /** Filters one decoded frame (not consumed: the graph takes its own reference) into {@code sink}. */
    void filter(AVFrame decoded, Sink target) throws FfmpegTranscoder.EncoderFailed {
        check(av_buffersrc_add_frame_flags(source, decoded, AV_BUFFERSRC_FLAG_KEEP_REF), "feeding the filter graph");
        while (true) {
            int result = av_buffersink_get_frame(sink, filtered);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF()) {
                return;
            }
            check(result, "reading the filter graph");
            try {
                check(av_image_copy_to_buffer(packed, (int) packed.capacity(), new PointerPointer<>(filtered.data()),
                        filtered.linesize(), AV_PIX_FMT_YUV420P, width, height, 1), "packing a filtered frame");
                target.accept(packed.position(0).asBuffer());
            } finally {
                av_frame_unref(filtered);
            }
        }
    }

    @Override
    public void close() {
        av_frame_free(filtered);
        avfilter_graph_free(graph);
        packed.close();
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new FilterException("FFmpeg failed at " + what + ": error " + result);
        }
    }

    /** A filter graph error, with the FFmpeg error code in the message. */
    static final class FilterException extends RuntimeException {
        FilterException(String message) {
            super(message);
        }
    }
}
