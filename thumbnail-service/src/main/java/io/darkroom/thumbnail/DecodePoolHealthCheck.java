package io.darkroom.thumbnail;

import io.darkroom.thumbnail.media.DecodePool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when abandoned decodes (native code past its deadline, which cannot be stopped) hold more threads than the
 * pool replaces: the service then decodes with fewer than its workers, and a restart is the only cure.
 */
@Liveness
@ApplicationScoped
public class DecodePoolHealthCheck implements HealthCheck {

    private final ThumbnailService thumbnails;

    DecodePoolHealthCheck(ThumbnailService thumbnails) {
        this.thumbnails = thumbnails;
    }

    @Override
    public HealthCheckResponse call() {
        DecodePool decodes = thumbnails.decodes();
        return HealthCheckResponse.named("thumbnail-decodes").status(!decodes.stuck())
                .withData("abandonedDecodesRunning", decodes.runaways()).build();
    }
}
