package io.darkroom.thumbnail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** thumbnail-service settings. */
@ConfigMapping(prefix = "darkroom.thumbnail")
public interface ThumbnailConfig {

    /** JPEG quality of every derived size, 1..100. */
    @WithDefault("85")
    int jpegQuality();

    /**
     * Images whose header claims more pixels than this are refused (TOO_LARGE) before any decode: a
     * decompression bomb must never reach the decoder. 200 MP covers every camera on the market.
     */
    @WithDefault("200000000")
    long maxPixels();
}
