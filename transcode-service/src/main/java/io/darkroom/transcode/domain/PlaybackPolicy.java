package io.darkroom.transcode.domain;

import java.util.Set;

/**
 * Decides whether an original can be streamed to browsers as it is. Everything else is transcoded to
 * H.264 High + AAC in MP4, the one combination every browser plays.
 */
public record PlaybackPolicy(int maxEdge, long maxBitrate, boolean allowHevc) {

    private static final Set<String> CONTAINERS = Set.of("mp4", "mov");

    public boolean playsAsIs(VideoProbe probe) {
        boolean container = CONTAINERS.stream().anyMatch(c -> probe.container() != null && probe.container().contains(c));
        boolean video = "h264".equals(probe.videoCodec()) || (allowHevc && "hevc".equals(probe.videoCodec()));
        boolean audio = probe.audioCodec() == null || "aac".equals(probe.audioCodec());
        boolean size = Math.max(probe.width(), probe.height()) <= maxEdge;
        boolean bitrate = probe.bitrate() <= 0 || probe.bitrate() <= maxBitrate;
        return container && video && audio && size && bitrate;
    }

    /** Output size: the long edge capped at {@code maxEdge}, both sides even (4:2:0 chroma needs it). */
    public int[] outputSize(int width, int height) {
        double scale = Math.min(1.0, (double) maxEdge / Math.max(width, height));
        return new int[] {even(width * scale), even(height * scale)};
    }

    private static int even(double value) {
        int rounded = (int) Math.round(value);
        return Math.max(2, rounded - (rounded % 2));
    }
}
