package io.darkroom.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackPolicyTest {

    private final PlaybackPolicy policy = new PlaybackPolicy(1920, 25_000_000, false);

    @Test
    void anIphoneH264ClipPlaysAsIs() {
        assertThat(policy.playsAsIs(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 1920, 1080, 16_000_000, 5000)))
                .isTrue();
    }

    @Test
    void silentH264PlaysAsIs() {
        assertThat(policy.playsAsIs(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", null, 1280, 720, 0, 5000))).isTrue();
    }

    @Test
    void hevcIsTranscodedUnlessAllowed() {
        VideoProbe hevc = new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "hevc", "aac", 1920, 1080, 10_000_000, 5000);
        assertThat(policy.playsAsIs(hevc)).isFalse();
        assertThat(new PlaybackPolicy(1920, 25_000_000, true).playsAsIs(hevc)).isTrue();
    }

    @Test
    void otherContainersCodecsAndOversizeAreTranscoded() {
        assertThat(policy.playsAsIs(new VideoProbe("avi", "h264", null, 640, 480, 0, 1000))).isFalse();
        assertThat(policy.playsAsIs(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "mpeg4", null, 640, 480, 0, 1000)))
                .isFalse();
        assertThat(policy.playsAsIs(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", "pcm_s16le", 640, 480, 0, 1000)))
                .isFalse();
        assertThat(policy.playsAsIs(new VideoProbe("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 3840, 2160, 0, 1000)))
                .isFalse();
    }

    @Test
    void outputSizeCapsTheLongEdgeAndStaysEven() {
        assertThat(policy.outputSize(3840, 2160)).containsExactly(1920, 1080);
        assertThat(policy.outputSize(2160, 3840)).containsExactly(1080, 1920);
        assertThat(policy.outputSize(641, 363)).containsExactly(640, 362);
    }
}
