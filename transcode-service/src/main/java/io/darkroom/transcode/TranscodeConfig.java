package io.darkroom.transcode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** transcode-service settings: the playback policy, the encoders, progress and time bounds. */
@ConfigMapping(prefix = "darkroom.transcode")
public interface TranscodeConfig {

    /** Longest edge, in pixels, of a transcode; originals above it are transcoded down. 1080p by default, 3840 for 4K. */
    @WithDefault("1920")
    int maxEdge();

    /** Originals above this bitrate (bits/s) are transcoded even when their codecs play in browsers. */
    @WithDefault("25000000")
    long maxBitrate();

    /** Whether HEVC originals count as browser-playable (Safari plays them; Chrome and Firefox often do not). */
    @WithDefault("false")
    boolean allowHevc();

    /** x264 constant rate factor (the GPU encoders get the same number as their constant-quality target). */
    @WithDefault("23")
    int crf();

    /** x264 preset: speed against size. */
    @WithDefault("veryfast")
    String preset();

    /** The GPU encoders. */
    Gpu gpu();

    /** How often, at most, a running transcode publishes its progress. */
    @WithDefault("2s")
    Duration progressInterval();

    /**
     * A transcode still running after this long is abandoned as TOO_LARGE. Keep it below the channel's
     * {@code throttled.unprocessed-record-max-age.ms}, which marks the consumer unhealthy.
     */
    @WithDefault("90m")
    Duration timeout();

    /**
     * How long a claim on an output (the lease that keeps two instances from transcoding one video) survives
     * without renewal; after that its holder counts as dead and another instance redoes the file.
     */
    @WithDefault("60s")
    Duration claimTimeout();

    interface Gpu {

        /**
         * GPU H.264 encoders to try, in order; {@code none} for the CPU only. The first that opens at start is
         * used; a file it fails on is redone with libx264.
         */
        @WithDefault("h264_nvenc,h264_vaapi,h264_qsv")
        List<String> encoders();

        /**
         * Open each candidate at start to see whether it works (true), or take the first candidate as it is
         * (false: for a device that is busy at start; every file it fails on falls back to the CPU).
         */
        @WithDefault("true")
        boolean probe();
    }
}
