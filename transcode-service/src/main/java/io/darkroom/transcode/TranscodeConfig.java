package io.darkroom.transcode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** transcode-service settings: the playback policy and the encoder. */
@ConfigMapping(prefix = "darkroom.transcode")
public interface TranscodeConfig {

    /** Longest edge, in pixels, of a transcode; originals above it are transcoded down. 1080p by default. */
    @WithDefault("1920")
    int maxEdge();

    /** Originals above this bitrate (bits/s) are transcoded even when their codecs play in browsers. */
    @WithDefault("25000000")
    long maxBitrate();

    /** Whether HEVC originals count as browser-playable (Safari plays them; Chrome and Firefox often do not). */
    @WithDefault("false")
    boolean allowHevc();

    /** x264 constant rate factor: lower is better and bigger. */
    @WithDefault("23")
    int crf();

    /** x264 preset: speed against size. */
    @WithDefault("veryfast")
    String preset();
}
