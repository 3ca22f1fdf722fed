package io.darkroom.thumbnail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalLong;

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

    /**
     * Items decoded at once, on the Kafka worker pool and the decode pool alike. Default ({@code WorkersConfigSource}):
     * the available processors, capped by {@link #memoryBudget()} at each decode's worst case
     * ({@link #maxDecodedPixels()} x 8 bytes), at least 1.
     */
    int workers();

    /**
     * Bytes the decodes may hold together, used to cap the default of {@link #workers()}; default half the memory
     * of the machine or container.
     */
    OptionalLong memoryBudget();

    /**
     * The longest one item's decode and encode may take. A decode past it is abandoned (native code cannot be
     * stopped, so its thread runs on, replaced by a fresh one) and the item fails as TOO_LARGE with the reason.
     * A 24 MP JPEG takes under a second; a video poster a few seconds.
     */
    @WithDefault("60s")
    Duration decodeTimeout();

    /**
     * How long an item whose files cannot be written (the derived-files folder unwritable, the disk full) is retried
     * on its worker before its record is dead-lettered.
     */
    @WithDefault("15m")
    Duration storageRetryFor();
}
