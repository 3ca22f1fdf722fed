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

    /**
     * Most pixels one decode may hold. A JPEG counts after its DCT reduction (so a 100 MP JPEG is shrunk while
     * decoding and goes through); formats decoded at full size (PNG, TIFF, WebP, HEIF, AVIF) above this are
     * refused as TOO_LARGE. 50 MP of 16-bit RGBA is 400 MB, the worst case per worker thread.
     */
    @WithDefault("50000000")
    long maxDecodedPixels();

    /** Image files larger than this are refused (TOO_LARGE) without being read; videos are streamed. */
    @WithDefault("209715200")
    long maxFileBytes();
}
