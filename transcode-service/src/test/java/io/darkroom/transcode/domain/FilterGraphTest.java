package io.darkroom.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterGraphTest {

    private final PlaybackPolicy policy = new PlaybackPolicy(1920, 25_000_000, false);

    @Test
    void framesThatFitTheEncoderGoStraightThrough() {
        VideoProbe probe = VideoProbe.basic("avi", "mpeg4", null, 640, 480, 0, 1000);
        assertThat(FilterGraph.of(probe, policy.plan(probe))).isEqualTo("format=yuv420p");
    }

    @Test
    void otherSizesAndPixelFormatsAreScaledBicubicTo420() {
        VideoProbe big = VideoProbe.basic("mov", "hevc", null, 3840, 2160, 0, 1000);
        assertThat(FilterGraph.of(big, policy.plan(big))).isEqualTo("scale=1920:1080:flags=bicubic,format=yuv420p");
        VideoProbe mjpeg = new VideoProbe("avi", "mjpeg", null, 640, 480, 0, 1000, "yuvj422p", null, null, null, null,
                0, 30, 30);
        assertThat(FilterGraph.of(mjpeg, policy.plan(mjpeg))).isEqualTo("scale=640:480:flags=bicubic,format=yuv420p");
    }

    @Test
    void hdrIsLinearisedToneMappedAndEncodedAsBt709() {
        VideoProbe pq = new VideoProbe("mov", "hevc", null, 3840, 2160, 0, 1000, "yuv420p10le", "Main 10", "bt2020",
                "smpte2084", "bt2020nc", 0, 30, 30);
        assertThat(FilterGraph.of(pq, policy.plan(pq))).isEqualTo("zscale=w=1920:h=1080:tin=smpte2084:pin=bt2020:"
                + "min=bt2020nc:rin=tv:t=linear:p=bt2020:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,"
                + "zscale=t=bt709:m=bt709:r=tv,format=yuv420p");
    }
}
