package io.darkroom.transcode.domain;

import java.util.Objects;

/**
 * The FFmpeg filter graph between decoder and encoder: scale to the plan's size and convert to 8-bit 4:2:0, and for
 * HLG/PQ sources tone-map to SDR BT.709 (zimg's exact transfer functions, Hable's curve, as FFmpeg's documentation
 * shows it). The decoded frames reach the graph without colour tags, so the source's are spelled out.
 */
public final class FilterGraph {

    private FilterGraph() {
    }

    /** The graph for {@code plan}; only a format check when the decoded frames already fit the encoder. */
    public static String of(VideoProbe source, TranscodePlan plan) {
        if (plan.toneMap()) {
            return toneMap(source, plan);
        }
        if (plan.width() == source.width() && plan.height() == source.height()
                && "yuv420p".equals(source.pixelFormat())) {
            return "format=yuv420p";
        }
        // bicubic, as the ffmpeg CLI's scale filter does by default.
        return "scale=%d:%d:flags=bicubic,format=yuv420p".formatted(plan.width(), plan.height());
    }

    private static String toneMap(VideoProbe source, TranscodePlan plan) {
        String primaries = Objects.requireNonNullElse(source.colorPrimaries(), "bt2020");
        String matrix = Objects.requireNonNullElse(source.colorSpace(), "bt2020nc");
        // Linear light keeps the source primaries (zimg finds no path otherwise); BT.709 primaries come after.
        return "zscale=w=%d:h=%d:tin=%s:pin=%s:min=%s:rin=tv:t=linear:p=%s:npl=100,format=gbrpf32le,zscale=p=bt709,"
                .formatted(plan.width(), plan.height(), source.colorTransfer(), primaries, matrix, primaries)
                + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p";
    }
}
