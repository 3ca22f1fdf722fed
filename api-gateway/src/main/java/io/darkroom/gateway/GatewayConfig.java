package io.darkroom.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** api-gateway's business settings. */
@ConfigMapping(prefix = "darkroom.gateway")
public interface GatewayConfig {

    /** Items per timeline page when the request names no {@code limit}. */
    @WithDefault("100")
    int timelineDefaultLimit();

    /** The largest {@code limit} a timeline request may ask for; larger ones are refused with 400. */
    @WithDefault("500")
    int timelineMaxLimit();

    /**
     * How long {@code GET /api/v1/library/status} reuses its counts: they take a scan of the catalog, and the
     * launcher polls them. {@code 0s} counts afresh on every request.
     */
    @WithDefault("2s")
    Duration statusCacheTtl();

    /**
     * The largest JSON request body, in bytes: no API call needs more (500 ids are ~10 KB), so a larger one is
     * refused with 413 before it is read. Other bodies (upload chunks) are bounded by
     * {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("1048576")
    long maxJsonBytes();
}
