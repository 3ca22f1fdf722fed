package io.darkroom.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AV_STREAM_GROUP_PARAMS_TILE_GRID;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVStreamGroup;
import org.bytedeco.ffmpeg.avformat.AVStreamGroupTileGrid;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * A HEIF/AVIF image stored as a grid of tiles (every iPhone photo: 48 tiles of 512 x 512). FFmpeg 7.1 exports
 * the grid as a stream group and leaves the composition to the caller: each tile's one packet is decoded and
 * copied into place on a canvas, which is then cropped to the grid's output size.
 */
final class HeifGrid {

    private HeifGrid() {
    }

    /** The grid of the opened file, or null when it has none. */
    static AVStreamGroupTileGrid find(AVFormatContext format) {
        for (int g = 0; g < format.nb_stream_groups(); g++) {
            AVStreamGroup group = format.stream_groups(g);
            if (group.type() == AV_STREAM_GROUP_PARAMS_TILE_GRID) {
                return group.params_tile_grid();
            }
        }
        return null;
    }

    static AVStreamGroup group(AVFormatContext format) {
        for (int g = 0; g < format.nb_stream_groups(); g++) {
            AVStreamGroup group = format.stream_groups(g);
            if (group.type() == AV_STREAM_GROUP_PARAMS_TILE_GRID) {
                return group;
            }
        }
        return null;
    }

    /** Decodes every tile of the grid (read from the file's current position) into one BGR image. */
    static Mat compose(AVFormatContext format, AVStreamGroup group) {
        AVStreamGroupTileGrid grid = group.params_tile_grid();
        Map<Integer, int[]> placeByStream = new HashMap<>();
        for (int t = 0; t < grid.nb_tiles(); t++) {
            AVStream stream = group.streams(grid.offsets_idx(t));
            placeByStream.put(stream.index(), new int[] {grid.offsets_horizontal(t), grid.offsets_vertical(t)});
        }
        AVStream first = group.streams(0);
        AVCodec codec = avcodec_find_decoder(first.codecpar().codec_id());
        if (codec == null) {
            throw new IllegalStateException("No decoder for the grid's tiles");
        }
        Mat canvas = new Mat(grid.coded_height(), grid.coded_width(), CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(0, 0, 0, 0));
        AVCodecContext decoder = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        SwsContext sws = null;
        int placed = 0;
        try {
            if (avcodec_parameters_to_context(decoder, first.codecpar()) < 0) {
                throw new IllegalStateException("The grid's codec parameters are unusable");
            }
            decoder.thread_count(1);
            if (avcodec_open2(decoder, codec, (PointerPointer<?>) null) < 0) {
                throw new IllegalStateException("The tile decoder does not open");
            }
            while (av_read_frame(format, packet) >= 0) {
                int[] place = placeByStream.get(packet.stream_index());
                if (place != null && avcodec_send_packet(decoder, packet) >= 0) {
                    avcodec_send_packet(decoder, null); // drain: every tile is a picture of its own
                    if (avcodec_receive_frame(decoder, frame) >= 0) {
                        sws = copyInto(canvas, frame, place[0], place[1], sws);
                        placed++;
                    }
                    avcodec_flush_buffers(decoder);
                }
                av_packet_unref(packet);
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(decoder);
            if (sws != null) {
                sws_freeContext(sws);
            }
        }
        if (placed == 0) {
            canvas.close();
            throw new IllegalStateException("No tile of the grid decodes");
        }
        int width = Math.min(grid.width(), canvas.cols() - grid.horizontal_offset());
        int height = Math.min(grid.height(), canvas.rows() - grid.vertical_offset());
        Mat cropped = new Mat(canvas, new Rect(grid.horizontal_offset(), grid.vertical_offset(), width, height)).clone();
        canvas.close();
        return cropped;
    }

    private static SwsContext copyInto(Mat canvas, AVFrame frame, int x, int y, SwsContext cached) {
        int width = Math.min(frame.width(), canvas.cols() - x);
        int height = Math.min(frame.height(), canvas.rows() - y);
        if (width <= 0 || height <= 0) {
            return cached;
        }
        SwsContext sws = sws_getCachedContext(cached, frame.width(), frame.height(), frame.format(), frame.width(),
                frame.height(), AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        IntPointer coefficients = sws_getCoefficients(SWS_CS_ITU601);
        sws_setColorspaceDetails(sws, coefficients, frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0, coefficients, 1,
                0, 1 << 16, 1 << 16);
        try (Mat tile = new Mat(frame.height(), frame.width(), CV_8UC3)) {
            BytePointer destination = tile.data();
            try (PointerPointer<BytePointer> planes = new PointerPointer<>(destination, null, null, null);
                    IntPointer strides = new IntPointer((int) tile.step(), 0, 0, 0)) {
                sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), planes, strides);
            }
            try (Mat source = new Mat(tile, new Rect(0, 0, width, height));
                    Mat target = new Mat(canvas, new Rect(x, y, width, height))) {
                source.copyTo(target);
            }
        }
        return sws;
    }
}
