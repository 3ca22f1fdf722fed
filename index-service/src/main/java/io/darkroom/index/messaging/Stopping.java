package io.darkroom.index.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the service has begun to stop. Quarkus fires {@link ShutdownEvent} before it closes the database pool, so
 * a record that fails after this was most likely failed by the closing pool, not by its content.
 */
@ApplicationScoped
public class Stopping {

    private volatile boolean underway;

    void begin(@Observes ShutdownEvent stopping) {
        underway = true;
    }

    public boolean underway() {
        return underway;
    }
}
