package io.darkroom.transcode.domain;

import java.util.Set;

/**
 * Decides whether an original can be streamed to browsers as it is. Everything else is transcoded to
 * H.264 High + AAC in MP4, the one combination every browser plays.
 */
public record PlaybackPolicy(int maxEdge, long maxBitrate, boolean allowHevc) {

    private static final Set<String> CONTAINERS = Set.of("mp4", "mov");
    /** 8-bit 4:2:0: High 10 or 4:2:2 H.264 does not play in Chrome or Firefox. */
    private static final Set<String> PLAYABLE_PIXELS = Set.of("yuv420p", "yuvj420p");

    public boolean playsAsIs(VideoProbe probe) {
        boolean container = CONTAINERS.stream().anyMatch(c -> probe.container() != null && probe.container().contains(c));
        // FFmpeg reports no pixel format when it found no frame to learn it from (a clip whose samples are gone):
        // such a file is not known to play, and Set.of(...).contains(null) would throw.
        boolean h264 = "h264".equals(probe.videoCodec()) && probe.pixelFormat() != null
                && PLAYABLE_PIXELS.contains(probe.pixelFormat());
        // Browsers that play HEVC also show its HDR; the others never get it.
        boolean video = h264 || (allowHevc && "hevc".equals(probe.videoCodec()));
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

    /** How to turn {@code probe} into the browser version. */
    public TranscodePlan plan(VideoProbe probe) {
        int[] size = outputSize(probe.width(), probe.height());
        return new TranscodePlan(size[0], size[1], probe.hdr(), TimestampGrid.rateFor(probe), probe.rotation(),
                probe.audioCodec() != null);
    }

    private static int even(double value) {
        int rounded = (int) Math.round(value);
        return Math.max(2, rounded - (rounded % 2));
    }
}
