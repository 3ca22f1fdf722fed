package io.darkroom.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How api-gateway serves thumbnails and asks thumbnail-service for on-demand sizes. */
@ConfigMapping(prefix = "darkroom.gateway.thumbnails")
public interface ThumbnailsConfig {

    /**
     * How long a request for a missing on-demand size waits for the file before it is answered 504: a 3840 px fit
     * of a 24 MP JPEG takes about a second on an idle worker, but the worker may be busy with a backlog.
     */
    @WithDefault("20s")
    Duration waitFor();

    /** How often waiting requests look for their file under the derived-files folder (one timer for all). */
    @WithDefault("100ms")
    Duration pollInterval();
}
