package io.darkroom.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackPolicyTest {

    private final PlaybackPolicy policy = new PlaybackPolicy(1920, 25_000_000, false);

    @Test
    void anIphoneH264ClipPlaysAsIs() {
        assertThat(policy.playsAsIs(VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 1920, 1080, 16_000_000, 5000)))
                .isTrue();
    }

    @Test
    void silentH264PlaysAsIs() {
        assertThat(policy.playsAsIs(VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "h264", null, 1280, 720, 0, 5000))).isTrue();
    }

    @Test
    void hevcIsTranscodedUnlessAllowed() {
        VideoProbe hevc = VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "hevc", "aac", 1920, 1080, 10_000_000, 5000);
        assertThat(policy.playsAsIs(hevc)).isFalse();
        assertThat(new PlaybackPolicy(1920, 25_000_000, true).playsAsIs(hevc)).isTrue();
    }

    @Test
    void otherContainersCodecsAndOversizeAreTranscoded() {
        assertThat(policy.playsAsIs(VideoProbe.basic("avi", "h264", null, 640, 480, 0, 1000))).isFalse();
        assertThat(policy.playsAsIs(VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "mpeg4", null, 640, 480, 0, 1000)))
                .isFalse();
        assertThat(policy.playsAsIs(VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "h264", "pcm_s16le", 640, 480, 0, 1000)))
                .isFalse();
        assertThat(policy.playsAsIs(VideoProbe.basic("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 3840, 2160, 0, 1000)))
                .isFalse();
    }

    @Test
    void outputSizeCapsTheLongEdgeAndStaysEven() {
        assertThat(policy.outputSize(3840, 2160)).containsExactly(1920, 1080);
        assertThat(policy.outputSize(2160, 3840)).containsExactly(1080, 1920);
        assertThat(policy.outputSize(641, 363)).containsExactly(640, 362);
    }

    @Test
    void tenBitH264IsTranscoded() {
        VideoProbe high10 = new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 1920, 1080, 0, 1000,
                "yuv420p10le", "High 10", null, null, null, 0, 30, 30);
        assertThat(policy.playsAsIs(high10)).isFalse();
    }

    @Test
    void h264WithoutAKnownPixelFormatIsNotTakenAsPlayable() {
        // FFmpeg's probe of an MP4 whose samples are gone: the codec from the sample description, no pixel format
        VideoProbe unknown = new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", null, 1920, 1080, 0, 1440,
                null, null, null, null, null, 0, 0, 0);
        assertThat(policy.playsAsIs(unknown)).isFalse();
    }

    @Test
    void thePlanToneMapsHdrAndKeepsRotationAndTheFrameClock() {
        VideoProbe hlg = new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "hevc", "aac", 3840, 2160, 0, 1000,
                "yuv420p10le", "Main 10", "bt2020", "arib-std-b67", "bt2020nc", -90, 30, 29.5);
        assertThat(policy.plan(hlg)).isEqualTo(new TranscodePlan(1920, 1080, true, 30, -90, true));
        VideoProbe sdr = VideoProbe.basic("avi", "mpeg4", null, 640, 480, 0, 1000);
        assertThat(policy.plan(sdr).toneMap()).isFalse();
        assertThat(policy.plan(sdr).audio()).isFalse();
    }
}
