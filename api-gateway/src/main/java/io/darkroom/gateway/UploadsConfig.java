package io.darkroom.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where uploads from the browser land, and in what pieces they come (docs/uploads.md). */
@ConfigMapping(prefix = "darkroom.gateway.uploads")
public interface UploadsConfig {

    /** The library root uploads go to; default: the only configured root. */
    Optional<String> root();

    /** The folder inside that root; each day gets a sub-folder (uploads/2026-11-25/). */
    @WithDefault("uploads")
    String folder();

    /**
     * Bytes per chunk: each PUT carries at most this much, well under Cloudflare's 100 MB per request and the
     * gateway's default 10 MB request body limit.
     */
    @WithDefault("8388608")
    int chunkBytes();

    /** The largest file accepted. */
    @WithDefault("21474836480")
    long maxFileBytes();

    /**
     * An unfinished upload with no chunk for this long is abandoned: its row and its staged bytes are removed (and the
     * row of a finished upload this old is forgotten; its file stays in the library).
     */
    @WithDefault("24h")
    Duration abandonAfter();

    /** How often the gateway looks for abandoned uploads. */
    @WithDefault("1h")
    Duration sweepInterval();
}
